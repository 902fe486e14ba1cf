import { Injectable } from '@nestjs/common';
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

  /** Resolves with the outbox row id once the email is stored durably. */
  async enqueue(email: OutgoingEmail): Promise<string> {
    const id = await this.outbox.insert(email);
    this.worker.nudge();
    return id;
  }
}
