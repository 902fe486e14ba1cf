import { Injectable } from '@nestjs/common';
import { buildConfirmationEmail, MailQueue } from '@taskflow/api-mail';
import type { EntityManager } from 'typeorm';

export interface ConfirmationEmail {
  userId: string;
  username: string;
  email: string;
  link: string;
}

/**
 * Where registration hands its confirmation email. It only queues the email durably (one INSERT,
 * in registration's transaction), so registration never waits on a mail server; the mail worker
 * sends it with retries, or writes it to the log when SMTP_URL is not set.
 */
@Injectable()
export class AccountEmails {
  constructor(private readonly mail: MailQueue) {}

  /** Outside a transaction (`db` unset) the worker is woken at once. */
  async sendConfirmation(email: ConfirmationEmail, db?: EntityManager): Promise<void> {
    await this.mail.enqueue(buildConfirmationEmail({ to: email.email, username: email.username, link: email.link }), db);
  }

  /** After the transaction that queued emails has committed. */
  sent(): void {
    this.mail.nudge();
  }
}
