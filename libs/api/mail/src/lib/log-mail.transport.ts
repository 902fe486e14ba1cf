import { Logger } from '@nestjs/common';
import { MailTransport } from './mail-transport';
import type { OutgoingEmail } from './outgoing-email';

/**
 * Without SMTP_URL (the embedded default), email is written to the log instead of sent: one info
 * line with the whole text body, link included, so a person running `npm start` can follow it.
 */
export class LogMailTransport extends MailTransport {
  readonly description = 'the log (SMTP_URL is not set)';
  private readonly logger = new Logger('Mail');

  async send(email: OutgoingEmail): Promise<void> {
    const body = email.text.replace(/\s*\n\s*/g, ' ').trim();
    this.logger.log({ to: email.to, subject: email.subject }, `Email to ${email.to} (not sent, SMTP_URL is not set): "${email.subject}" ${body}`);
    // The JSON line above is for log tooling; this one is for the person at the terminal of
    // `npm start`, who needs the link itself. Silenced with the rest of the log (tests).
    const links = body.match(/https?:\/\/\S+/g) ?? [];
    if (process.env['LOG_LEVEL'] !== 'silent' && links.length > 0) {
      process.stdout.write(`\n  ✉  ${email.subject} (to ${email.to}): ${links.join(' ')}\n\n`);
    }
  }

  async close(): Promise<void> {
    // Nothing to release.
  }
}
