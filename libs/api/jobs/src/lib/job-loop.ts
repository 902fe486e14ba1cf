import { Logger } from '@nestjs/common';
import { backoffMs } from '@taskflow/api-core';
import type { DatabaseNotifications, NotificationSubscriber } from '@taskflow/api-database';

/**
 * A table of due work (an outbox, a mail queue) as the loop sees it. The SQL stays with the table's
 * owner; what every queue must do is claim with `FOR UPDATE SKIP LOCKED` in one short statement
 * and push the claimed rows' due time out by `leaseMs`, so that several processes claim at once
 * without blocking or taking each other's rows, and a process that dies mid-batch only delays its
 * rows by the lease.
 */
export interface JobQueue<Job> {
  claimDue(limit: number, leaseMs: number): Promise<Job[]>;
  /** Milliseconds until the next job is due (0 if one is due now), or undefined if none is pending. */
  msUntilNextDue(): Promise<number | undefined>;
}

/**
 * Does one claimed batch and records each job's outcome in the queue (done, retry later, failed).
 * Resolves with how many jobs it completed. Fewer than it was given means its consumer is failing:
 * the loop then stops draining and waits instead of claiming more work for a consumer that cannot take it.
 */
export type BatchHandler<Job> = (jobs: Job[]) => Promise<number>;

export interface JobLoopOptions {
  /** Names the loop in logs. */
  name: string;
  /** The NOTIFY channel an insert trigger announces new work on, heard by every process. */
  channel: string;
  /** Jobs claimed per round. */
  batchSize: number;
  /** How long a claim keeps other processes off the jobs; far longer than a batch takes. */
  leaseMs: number;
  /** How often the queue is read when notifications cannot arrive (embedded PGlite, listener down). */
  pollIntervalMs: number;
  /** How often the queue is read while notifications do arrive: a safety net only, never the way work is found. */
  listeningPollMs: number;
}

/** Never wait less than this for work already due: a job retried with no delay must not turn into a spin. */
const MIN_WAIT_MS = 50;
/**
 * A wake-up is served this much later, so that a burst of inserts (one NOTIFY each, in every
 * process) is claimed in a few batches instead of one round per row; well inside the 100 ms in
 * which queued work is to be picked up.
 */
const WAKE_DELAY_MS = 20;

/**
 * The one job loop of the API: claims due jobs in batches, hands them to the handler, drains while
 * batches come back full, then sleeps until the next job is due. It wakes at once on `nudge()` (work
 * queued in this process) and on a NOTIFY on its channel (work queued by any process), so an idle
 * queue costs one read per `listeningPollMs` instead of a poll every second. One round at a time
 * per process; a failed round (the database is down) is retried with backoff and never throws.
 */
export class JobLoop<Job> implements NotificationSubscriber {
  private readonly logger: Logger;
  private started = false;
  private stopping = false;
  private timer: NodeJS.Timeout | undefined;
  private timerDueAt = Infinity;
  private round: Promise<void> | undefined;
  /** Set when a wake-up arrives mid-round, so the round is followed by another at once. */
  private again = false;
  private failedRounds = 0;
  /** The last drain stopped on a batch its consumer failed. */
  private consumerFailing = false;

  constructor(
    private readonly options: JobLoopOptions,
    private readonly queue: JobQueue<Job>,
    private readonly handle: BatchHandler<Job>,
    private readonly notifications?: DatabaseNotifications,
  ) {
    this.logger = new Logger(options.name);
    notifications?.subscribe(options.channel, this);
  }

  /** Starts with a round at once: work left over from before a restart goes out now. */
  start(): void {
    if (this.started || this.stopping) return;
    this.started = true;
    this.schedule(0);
  }

  /** Work was just queued (or is due): look within moments, or right after the round in flight. Never waits. */
  nudge(): void {
    if (!this.started || this.stopping) return;
    if (this.round) this.again = true;
    else this.schedule(WAKE_DELAY_MS);
  }

  /** A NOTIFY on the channel: another process (or this one) queued work. */
  notify(): void {
    this.nudge();
  }

  /** Notifications may have been missed: look once, which also finds whatever they announced. */
  reset(): void {
    this.nudge();
  }

  /** Resolves once no round is running, e.g. for a test that waits for the queue to settle. */
  async idle(): Promise<void> {
    await this.round;
  }

  /** Finishes the batch in flight (its jobs get their outcome) and claims no other. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.clearTimer();
    await this.round;
  }

  /**
   * Rounds until the due jobs run out (a short batch), a batch fails, or the loop is stopping.
   * Resolves with the number of jobs completed. Throws what the queue throws (the database is down).
   * A wake-up that arrives before a claim is answered by that claim (the NOTIFY is sent on commit).
   */
  async drain(): Promise<number> {
    let completed = 0;
    for (;;) {
      this.again = false;
      const jobs = await this.queue.claimDue(this.options.batchSize, this.options.leaseMs);
      const done = jobs.length === 0 ? 0 : await this.handle(jobs);
      completed += done;
      this.consumerFailing = done < jobs.length;
      if (this.stopping || this.consumerFailing || jobs.length < this.options.batchSize) return completed;
    }
  }

  private async run(): Promise<void> {
    let waitMs: number;
    try {
      await this.drain();
      this.failedRounds = 0;
      const pollMs = this.notifications?.isListening(this.options.channel) ? this.options.listeningPollMs : this.options.pollIntervalMs;
      // Woken mid-round: another round follows anyway, so the next due time need not be read.
      const nextDue = this.stopping || this.again ? undefined : await this.queue.msUntilNextDue();
      waitMs = nextDue === undefined ? pollMs : Math.min(pollMs, Math.max(MIN_WAIT_MS, nextDue));
      // Other jobs may be due, but their consumer just failed: give it the poll interval, not 50 ms.
      if (this.consumerFailing) waitMs = Math.max(waitMs, this.options.pollIntervalMs);
    } catch (error) {
      // The database is down or failing: nothing is lost (the jobs wait in their table).
      waitMs = backoffMs(++this.failedRounds, { firstMs: Math.min(1_000, this.options.pollIntervalMs), maxMs: this.options.pollIntervalMs });
      this.logger.warn({ err: error }, `Could not read the queue; retrying in ${waitMs} ms`);
    }
    if (!this.stopping) this.schedule(this.again ? WAKE_DELAY_MS : waitMs);
  }

  /** A round in `ms`, unless one is already due sooner. */
  private schedule(ms: number): void {
    const dueAt = Date.now() + ms;
    if (this.timer && this.timerDueAt <= dueAt) return;
    this.clearTimer();
    this.timerDueAt = dueAt;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (this.stopping || this.round) return;
      this.round = this.run().finally(() => {
        this.round = undefined;
      });
    }, ms);
    // The loop alone must never keep a process alive; stop() clears the timer anyway.
    this.timer.unref();
  }

  private clearTimer(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}
