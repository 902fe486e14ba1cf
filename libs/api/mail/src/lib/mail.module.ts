import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { mailConfig, type MailConfig } from '@taskflow/api-config';
import { EmailOutboxRepository } from './email-outbox.repository';
import { LogMailTransport } from './log-mail.transport';
import { mailWorkerConfig } from './mail-worker.config';
import { MailTransport } from './mail-transport';
import { MailQueue } from './mail.queue';
import { MailWorker } from './mail.worker';
import { SmtpMailTransport } from './smtp-mail.transport';

/** Durable outgoing email: import it where email is sent, and every API process runs a worker. */
@Module({
  imports: [ConfigModule.forFeature(mailWorkerConfig)],
  providers: [
    EmailOutboxRepository,
    MailQueue,
    MailWorker,
    {
      provide: MailTransport,
      inject: [mailConfig.KEY],
      useFactory: (config: MailConfig): MailTransport =>
        config.smtpUrl ? new SmtpMailTransport(config.smtpUrl, config.from) : new LogMailTransport(),
    },
  ],
  exports: [MailQueue, MailWorker],
})
export class MailModule {}
