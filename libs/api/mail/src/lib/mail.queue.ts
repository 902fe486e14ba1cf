import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { EmailOutboxRepository } from './email-outbox.repository';
import { MailWorker } from './mail.worker';
import type { OutgoingEmail } from './outgoing-email';

/**
 * How the rest of the API sends email: one INSERT into the outbox, then back to the caller. The
 * worker delivers it, retrying as needed, so no request ever waits on a mail server.
 */
@Injectable()
export class MailQueue {
  constructor(
    private readonly outbox: EmailOutboxRepository,
    private readonly worker: MailWorker,
  ) {}

  /**
   * Resolves with the outbox row id once the email is stored durably. Inside a transaction (`db`),
   * it is stored only if the transaction commits; the worker then finds it on its next poll, or
   * sooner when the caller calls `nudge()` after committing.
   */
  async enqueue(email: OutgoingEmail, db?: EntityManager): Promise<string> {
    const id = await this.outbox.insert(email, db);
    if (!db) this.worker.nudge();
    return id;
  }

  /** Wakes the worker for emails just committed. */
  nudge(): void {
    this.worker.nudge();
  }
}
