import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { EmailOutboxRepository, type ClaimedEmail } from './email-outbox.repository';
import { mailWorkerConfig, type MailWorkerConfig } from './mail-worker.config';
import { MailTransport } from './mail-transport';
import { retryDelayMs } from './retry-schedule';

/**
 * Delivers queued email: claims due rows in rounds, sends them, and deletes each one sent or
 * reschedules it with backoff; after the last allowed attempt the row is marked failed and an
 * error is logged. Every API process runs one; the claim keeps them from sending an email twice.
 *
 * One round at a time per process. Between rounds it sleeps until the next email is due (or the
 * poll interval, for email queued by other processes); `nudge()` wakes it at once.
 */
@Injectable()
export class MailWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('MailWorker');
  private stopped = true;
  private timer: NodeJS.Timeout | undefined;
  private round: Promise<void> | undefined;
  /** Set when a nudge arrives mid-round, so the round is followed by another at once. */
  private again = false;

  constructor(
    private readonly outbox: EmailOutboxRepository,
    private readonly transport: MailTransport,
    @Inject(mailWorkerConfig.KEY) private readonly config: MailWorkerConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.stopped = false;
    this.logger.log(`Sending email through ${this.transport.description}`);
    // Email left over from before a restart goes out now rather than at the first poll.
    this.nudge();
  }

  /** Look for due email now (called right after an email is queued). */
  nudge(): void {
    if (this.stopped) return;
    if (this.round) {
      this.again = true;
      return;
    }
    this.clearTimer();
    this.round = this.run().finally(() => {
      this.round = undefined;
    });
  }

  /** Resolves once no round is running, e.g. for a test that waits for the queue to settle. */
  async idle(): Promise<void> {
    await this.round;
  }

  /** Stops taking new rounds, lets the one in flight finish (its rows get their outcome), then closes the transport. */
  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    this.clearTimer();
    await this.round;
    await this.transport.close();
  }

  private async run(): Promise<void> {
    let waitMs = this.config.pollIntervalMs;
    try {
      do {
        this.again = false;
        const claimed = await this.outbox.claimDue(this.config.batchSize, this.config.leaseMs);
        await Promise.all(claimed.map((job) => this.deliver(job)));
        // A full round suggests more is due.
        if (claimed.length === this.config.batchSize) this.again = true;
      } while (this.again && !this.stopped);
      const nextDue = await this.outbox.msUntilNextDue();
      waitMs = this.again ? 0 : Math.min(waitMs, nextDue ?? waitMs);
    } catch (error) {
      // The database is down or failing: nothing is lost (the rows wait), try again at the next poll.
      this.logger.warn({ err: error }, `Could not read the email outbox; retrying in ${waitMs} ms`);
    }
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.nudge();
    }, waitMs);
    // The worker alone must never keep a process alive; shutdown clears the timer anyway.
    this.timer.unref();
  }

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
        const delayMs = retryDelayMs(attempt, this.config.retry);
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

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
