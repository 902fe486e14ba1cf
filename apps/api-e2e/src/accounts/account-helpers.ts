import type { TestApp } from '@taskflow/api-testing';
import { MailQueue, type OutgoingEmail } from '@taskflow/api-mail';

/**
 * Every email the API queues while the spy is on (it still queues them for real), listed once it
 * is committed: an email queued inside a transaction counts from the `nudge()` that follows the
 * commit, so a test never follows a link whose token is not in the database yet.
 */
export function captureEmails(testApp: TestApp): OutgoingEmail[] {
  const sent: OutgoingEmail[] = [];
  const pending: OutgoingEmail[] = [];
  const queue = testApp.app.get(MailQueue);
  const enqueue = queue.enqueue.bind(queue);
  const nudge = queue.nudge.bind(queue);
  jest.spyOn(queue, 'enqueue').mockImplementation(async (email, db) => {
    const id = await enqueue(email, db);
    (db ? pending : sent).push(email);
    return id;
  });
  jest.spyOn(queue, 'nudge').mockImplementation(() => {
    sent.push(...pending.splice(0));
    nudge();
  });
  return sent;
}

/** Waits (briefly) for an email the API queues after answering. */
export async function emailTo(sent: OutgoingEmail[], to: string, kind: string, timeoutMs = 10_000): Promise<OutgoingEmail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const email = sent.find((e) => e.to === to && e.kind === kind);
    if (email) return email;
    if (Date.now() > deadline) throw new Error(`no ${kind} email to ${to}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The `token` query parameter of the first web-app link in an email's text. */
export function linkToken(email: OutgoingEmail, pathname: string): string {
  const match = email.text.match(/https?:\/\/\S+/);
  if (!match) throw new Error('no link in the email');
  const url = new URL(match[0]);
  expect(url.pathname).toBe(pathname);
  return url.searchParams.get('token')!;
}

export const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
