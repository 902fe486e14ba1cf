export * from './lib/confirmation-email';
export * from './lib/mail-worker.config';
export * from './lib/mail.module';
export * from './lib/mail.queue';
export * from './lib/mail.worker';
export * from './lib/outgoing-email';
export * from './lib/password-reset-email';
export { SMTP_TIMEOUTS } from './lib/smtp-mail.transport';
