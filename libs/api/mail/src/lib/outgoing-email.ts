/** A rendered email, as it is queued and as a transport sends it. */
export interface OutgoingEmail {
  /** What the email is for (e.g. `account-confirmation`); for logs and for operators reading the outbox. */
  kind: string;
  to: string;
  subject: string;
  text: string;
  html: string;
}
