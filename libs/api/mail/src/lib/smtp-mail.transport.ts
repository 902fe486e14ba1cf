import { createTransport, type Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import { MailTransport } from './mail-transport';
import type { OutgoingEmail } from './outgoing-email';

/**
 * Short timeouts: a mail server that does not answer should cost a few seconds and a retry later,
 * not hold the worker (and a shutdown waiting for it) for nodemailer's default minutes.
 */
export const SMTP_TIMEOUTS = { connectionTimeout: 5_000, greetingTimeout: 5_000, socketTimeout: 10_000, dnsTimeout: 5_000 };

/** Sends over `SMTP_URL` with nodemailer, one connection per email (the volume is a trickle). */
export class SmtpMailTransport extends MailTransport {
  readonly description: string;
  private readonly transporter: Transporter<SMTPTransport.SentMessageInfo>;

  constructor(smtpUrl: string, private readonly from: string) {
    super();
    const url = new URL(smtpUrl);
    this.transporter = createTransport({ ...connectionOptions(url), ...SMTP_TIMEOUTS });
    // Never log the credentials that may be in the URL.
    this.description = `SMTP server ${url.protocol}//${url.host}`;
  }

  async send(email: OutgoingEmail): Promise<void> {
    await this.transporter.sendMail({ from: this.from, to: email.to, subject: email.subject, text: email.text, html: email.html });
  }

  async close(): Promise<void> {
    this.transporter.close();
  }
}

/**
 * nodemailer ignores every other option (the timeouts included) when given `{ url }`, so the URL is
 * taken apart here: `smtp://` (STARTTLS when offered) or `smtps://` (TLS from the start), with
 * optional `user:password@`. Ports default as nodemailer does: 587, or 465 for smtps.
 */
export function connectionOptions(url: URL): SMTPTransport.Options {
  const secure = url.protocol === 'smtps:';
  return {
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port ? Number(url.port) : secure ? 465 : 587,
    secure,
    auth: url.username ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } : undefined,
  };
}
