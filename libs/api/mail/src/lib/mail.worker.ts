import { Inject, Injectable, Logger, Optional, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { backoffMs } from '@taskflow/api-core';
import { DatabaseNotifications } from '@taskflow/api-database';
import { JobLoop } from '@taskflow/api-jobs';
import { EmailOutboxRepository, type ClaimedEmail } from './email-outbox.repository';
import { mailWorkerConfig, type MailWorkerConfig } from './mail-worker.config';
import { MailTransport } from './mail-transport';

/** The channel the email_outbox insert trigger announces queued email on. */
export const EMAIL_OUTBOX_CHANNEL = 'email_outbox_queued';

/**
 * Delivers queued email: claims due rows in rounds, sends them, and deletes each one sent or
 * reschedules it with backoff; after the last allowed attempt the row is marked failed and an
 * error is logged. Every API process runs one; the claim keeps them from sending an email twice.
 *
 * The rounds are the job loop of `@taskflow/api-jobs`: between them it sleeps until the next email
 * is due; a NOTIFY from the outbox's insert trigger (email queued by any process) or `nudge()`
 * wakes it at once.
 */
@Injectable()
export class MailWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('MailWorker');
  private readonly loop: JobLoop<ClaimedEmail>;

  constructor(
    private readonly outbox: EmailOutboxRepository,
    private readonly transport: MailTransport,
    @Inject(mailWorkerConfig.KEY) private readonly config: MailWorkerConfig,
    @Optional() notifications?: DatabaseNotifications,
  ) {
    this.loop = new JobLoop(
      { name: 'MailWorker', channel: EMAIL_OUTBOX_CHANNEL, ...config },
      outbox,
      // Each email's failure is its own, retried on its own schedule (next_attempt_at); a batch is
      // complete once every outcome is recorded, so a full one means more may be due, as before.
      async (claimed) => {
        await Promise.all(claimed.map((job) => this.deliver(job)));
        return claimed.length;
      },
      notifications,
    );
  }

  onApplicationBootstrap(): void {
    this.logger.log(`Sending email through ${this.transport.description}`);
    // Email left over from before a restart goes out now rather than at the first poll.
    this.loop.start();
  }

  /** Look for due email now (called right after an email is queued). */
  nudge(): void {
    this.loop.nudge();
  }

  /** Resolves once no round is running, e.g. for a test that waits for the queue to settle. */
  idle(): Promise<void> {
    return this.loop.idle();
  }

  /** Stops taking new rounds, lets the one in flight finish (its rows get their outcome), then closes the transport. */
  async onModuleDestroy(): Promise<void> {
    await this.loop.stop();
    await this.transport.close();
  }

  /** Sends one email and records the outcome: sent, retry later, or failed for good. */
  private async deliver(job: ClaimedEmail): Promise<void> {
    const { id, attempt, email } = job;
    let failure: string | undefined;
    try {
      await this.transport.send(email);
    } catch (error) {
      failure = error instanceof Error ? error.message : String(error);
    }
    try {
      if (failure === undefined) {
        await this.outbox.remove(id);
        this.logger.log({ emailId: id, kind: email.kind, attempt }, `Sent ${email.kind} email ${id} to ${email.to}`);
      } else if (attempt >= this.config.maxAttempts) {
        await this.outbox.markFailed(id, failure);
        this.logger.error(
          { emailId: id, kind: email.kind, to: email.to, attempts: attempt, error: failure },
          `Giving up on ${email.kind} email ${id} to ${email.to} after ${attempt} attempts: ${failure}`,
        );
      } else {
        const delayMs = backoffMs(attempt, this.config.retry);
        await this.outbox.scheduleRetry(id, delayMs, failure);
        this.logger.warn(
          { emailId: id, kind: email.kind, attempt, retryInMs: delayMs, error: failure },
          `Could not send ${email.kind} email ${id} (attempt ${attempt} of ${this.config.maxAttempts}); retrying in ${delayMs} ms: ${failure}`,
        );
      }
    } catch (error) {
      // The outcome could not be recorded: the row stays claimed and is tried again once its lease
      // ends, so an email that did go out may go out twice; that beats losing one.
      this.logger.error({ err: error, emailId: id }, `Could not record the outcome of email ${id}`);
    }
  }
}
