import type { OutgoingEmail } from './outgoing-email';

/** Where the worker hands an email. Rejects when it was not accepted, so the worker retries it. */
export abstract class MailTransport {
  /** Says where mail goes, for the startup log line. */
  abstract readonly description: string;
  abstract send(email: OutgoingEmail): Promise<void>;
  abstract close(): Promise<void>;
}
