export * from './lib/auth-store';
export * from './lib/session-sync';
export * from './lib/auth.interceptor';
export * from './lib/auth.guards';
export * from './lib/auth.routes';
export * from './lib/confirm-email-banner';
export * from './lib/api-readiness';
export * from './lib/current-user-id';
