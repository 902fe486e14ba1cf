import { Logger } from '@nestjs/common';
import { databaseEnv, HttpClient, registerUser, startTestApp, uniqueUsername, type TestApp, type TestDatabase } from '@taskflow/api-testing';
import { createMailTestDatabase } from './mail-test-database';
import { outboxRows } from './outbox-rows';
import { TestSmtpServer, waitFor } from './test-smtp-server';

const RETRY_BASE_MS = 200;
const MAX_ATTEMPTS = 4;

describe('mail: retries against a refusing SMTP server', () => {
  let database: TestDatabase;
  let smtp: TestSmtpServer;
  let testApp: TestApp;
  let http: HttpClient;
  let errors: jest.SpyInstance;

  beforeAll(async () => {
    database = await createMailTestDatabase();
    // "flaky-…" recipients are refused twice with a temporary error, "refused-…" ones always.
    smtp = await TestSmtpServer.start({
      refuseRecipient: (address, attempt) => {
        if (address.startsWith('flaky-') && attempt <= 2) return 451;
        if (address.startsWith('refused-')) return 550;
        return undefined;
      },
    });
    errors = jest.spyOn(Logger.prototype, 'error');
    testApp = await startTestApp({
      ...databaseEnv(database),
      SMTP_URL: smtp.url,
      MAIL_RETRY_BASE_MS: String(RETRY_BASE_MS),
      MAIL_MAX_ATTEMPTS: String(MAX_ATTEMPTS),
    });
    http = new HttpClient(testApp.baseUrl);
  });
  afterAll(async () => {
    await testApp?.close();
    await smtp?.close();
    await database?.dispose();
    errors.mockRestore();
  });

  it('retries with growing delays and delivers once the server accepts', async () => {
    const email = `flaky-${uniqueUsername()}@example.com`;
    await registerUser(http, { email });
    await waitFor(() => smtp.messagesTo(email).length > 0, `the email to ${email}`);

    const attempts = smtp.recipientAttempts.filter((attempt) => attempt.address === email);
    expect(attempts.map((attempt) => attempt.refusedWith)).toEqual([451, 451, undefined]);
    // Backoff with jitter: the n-th wait is at least half of base × 2^(n-1).
    const waits = [attempts[1].at - attempts[0].at, attempts[2].at - attempts[1].at];
    expect(waits[0]).toBeGreaterThanOrEqual(RETRY_BASE_MS / 2);
    expect(waits[1]).toBeGreaterThanOrEqual(RETRY_BASE_MS);
    expect(smtp.messagesTo(email)).toHaveLength(1);
    await waitFor(async () => (await outboxRows(testApp, email)).length === 0, 'the delivered row to leave the outbox');
  });

  it('gives up after the bounded number of attempts, marks the email failed and logs an error', async () => {
    const email = `refused-${uniqueUsername()}@example.com`;
    await registerUser(http, { email });
    await waitFor(async () => (await outboxRows(testApp, email))[0]?.failed_at != null, 'the email to be marked failed');

    const [row] = await outboxRows(testApp, email);
    expect(row.attempts).toBe(MAX_ATTEMPTS);
    expect(row.last_error).toContain('550');
    expect(smtp.recipientAttempts.filter((attempt) => attempt.address === email)).toHaveLength(MAX_ATTEMPTS);
    expect(smtp.messagesTo(email)).toHaveLength(0);

    const errorLines = errors.mock.calls.filter((call) => JSON.stringify(call).includes(row.id));
    expect(errorLines).toHaveLength(1);
    const [fields, message] = errorLines[0] as [Record<string, unknown>, string];
    expect(fields).toMatchObject({ emailId: row.id, to: email, attempts: MAX_ATTEMPTS });
    expect(message).toContain(email);
    // The line is for operators: it names the email, never the confirmation token.
    expect(JSON.stringify(errorLines[0])).not.toMatch(/token=/);

    // Failed for good: no further attempts however long we wait.
    await new Promise((resolve) => setTimeout(resolve, RETRY_BASE_MS * 4));
    expect(smtp.recipientAttempts.filter((attempt) => attempt.address === email)).toHaveLength(MAX_ATTEMPTS);
  });
});
