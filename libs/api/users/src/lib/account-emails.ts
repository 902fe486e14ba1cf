import { Injectable, Logger } from '@nestjs/common';

export interface ConfirmationEmail {
  userId: string;
  username: string;
  email: string;
  link: string;
}

/**
 * Where registration hands its confirmation email. Registration never waits for delivery.
 * This default writes the link to the log, so a person running `npm start` can confirm;
 * the mail module replaces it with a durable, retried SMTP delivery.
 */
@Injectable()
export class AccountEmails {
  private readonly logger = new Logger('Mail');

  async sendConfirmation(email: ConfirmationEmail): Promise<void> {
    this.logger.log({ to: email.email, link: email.link }, `Confirm your TaskFlow account: ${email.link}`);
  }
}
