import { Logger } from '@nestjs/common';
import type { User } from '@taskflow/shared-contracts';
import { createUser, databaseEnv, HttpClient, registerUser, startTestApp, type TestApp, type TestDatabase } from '@taskflow/api-testing';
import { SMTP_TIMEOUTS } from '@taskflow/api-mail';
import { Client } from 'pg';
import { createMailTestDatabase } from './mail-test-database';
import { outboxRows } from './outbox-rows';
import { SilentSmtpServer, TestSmtpServer, waitFor } from './test-smtp-server';

const WEB_APP_URL = 'https://app.taskflow.test';
const LINK = new RegExp(`${WEB_APP_URL.replace(/\./g, '\\.')}/confirm\\?token=([A-Za-z0-9._%-]+)`);

describe('mail: the confirmation email', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createMailTestDatabase();
  });
  afterAll(() => database.dispose());

  describe('over SMTP', () => {
    let smtp: TestSmtpServer;
    let testApp: TestApp;
    let http: HttpClient;

    beforeAll(async () => {
      smtp = await TestSmtpServer.start();
      testApp = await startTestApp({ ...databaseEnv(database), SMTP_URL: smtp.url, WEB_APP_URL, MAIL_FROM: 'TaskFlow <hello@taskflow.test>' });
      http = new HttpClient(testApp.baseUrl);
    });
    afterAll(async () => {
      await testApp.close();
      await smtp.close();
    });

    it('arrives after registration, and its link confirms the account', async () => {
      const registered = await createUser(http);
      const address = registered.user.email;
      await waitFor(() => smtp.messagesTo(address).length > 0, `the email to ${address}`);

      const [message] = smtp.messagesTo(address);
      expect(message.envelopeTo).toEqual([address]);
      expect(message.envelopeFrom).toBe('hello@taskflow.test');
      expect(message.subject).toBe('Confirm your TaskFlow account');
      const textLink = LINK.exec(message.text);
      expect(textLink).not.toBeNull();
      expect(message.html).toContain(`href="${textLink?.[0]}"`);

      const unconfirmed = await http.get<User>('/api/users/me', { token: registered.accessToken });
      expect(unconfirmed.body.emailVerified).toBe(false);
      const token = decodeURIComponent(textLink?.[1] ?? '');
      const confirmed = await http.post('/api/users/me/confirm', { token: registered.accessToken, json: { token } });
      expect(confirmed.status).toBe(204);
      const me = await http.get<User>('/api/users/me', { token: registered.accessToken });
      expect(me.body.emailVerified).toBe(true);
    });

    it('leaves nothing in the outbox once delivered', async () => {
      const { user } = await registerUser(http);
      await waitFor(() => smtp.messagesTo(user.email).length > 0, `the email to ${user.email}`);
      await waitFor(
        async () => (await outboxRows(testApp, user.email)).length === 0,
        'the delivered row to leave the outbox',
      );
      expect(smtp.messagesTo(user.email)).toHaveLength(1);
    });
  });

  describe('on shutdown', () => {
    // Alone in its describe: a second app on the same outbox could take the email first.
    it('finishes the delivery in flight before the app closes', async () => {
      const slowSmtp = await TestSmtpServer.start({ dataDelayMs: 1_000 });
      const slowApp = await startTestApp({ ...databaseEnv(database), SMTP_URL: slowSmtp.url });
      let closed = false;
      try {
        const { user } = await registerUser(new HttpClient(slowApp.baseUrl));
        await waitFor(() => slowSmtp.recipientAttempts.some((attempt) => attempt.address === user.email), 'the send to start');
        await slowApp.close();
        closed = true;
        expect(slowSmtp.messagesTo(user.email)).toHaveLength(1);
        const client = new Client({ connectionString: database.url });
        await client.connect();
        try {
          const { rows } = await client.query(`SELECT id FROM email_outbox WHERE recipient = $1`, [user.email]);
          expect(rows).toEqual([]);
        } finally {
          await client.end();
        }
      } finally {
        if (!closed) await slowApp.close();
        await slowSmtp.close();
      }
    });
  });

  describe('with a mail server that never answers', () => {
    let silent: SilentSmtpServer;
    let testApp: TestApp;
    let http: HttpClient;

    beforeAll(async () => {
      silent = await SilentSmtpServer.start();
      testApp = await startTestApp({ ...databaseEnv(database), SMTP_URL: silent.url });
      http = new HttpClient(testApp.baseUrl);
    });
    afterAll(async () => {
      // Closing waits for the hanging send to time out (the greeting timeout), by design.
      await testApp.close();
      await silent.close();
    });

    it('still registers at once, and the email waits in the outbox for a retry', async () => {
      const first = await timed(() => registerUser(http));
      await waitFor(() => silent.connections > 0, 'the worker to connect to the silent server');
      // The worker is now stuck waiting for a greeting; registration must not notice.
      const second = await timed(() => registerUser(http));
      // Had registration waited on the mail server, it would have taken the whole greeting timeout.
      expect(first.ms).toBeLessThan(SMTP_TIMEOUTS.greetingTimeout * 0.8);
      expect(second.ms).toBeLessThan(SMTP_TIMEOUTS.greetingTimeout * 0.8);

      await waitFor(
        async () => (await outboxRows(testApp, first.result.user.email))[0]?.last_error != null,
        'the greeting timeout to be recorded',
        15_000,
      );
      const [row] = await outboxRows(testApp, first.result.user.email);
      expect(row).toMatchObject({ attempts: 1, failed_at: null });
      expect(row.last_error).toMatch(/greeting/i);
      expect(new Date(row.next_attempt_at).getTime()).toBeGreaterThan(Date.now());
    }, 30_000);
  });

  describe('without SMTP_URL', () => {
    let testApp: TestApp;
    let http: HttpClient;
    let logged: jest.SpyInstance;

    beforeAll(async () => {
      logged = jest.spyOn(Logger.prototype, 'log');
      testApp = await startTestApp({ ...databaseEnv(database), SMTP_URL: undefined, WEB_APP_URL });
      http = new HttpClient(testApp.baseUrl);
    });
    afterAll(async () => {
      await testApp.close();
      logged.mockRestore();
    });

    it('writes the email to the log with a link that confirms the account', async () => {
      const registered = await createUser(http);
      const address = registered.user.email;
      const lineFor = () =>
        logged.mock.calls.map((call) => String(call[1] ?? call[0])).find((line) => line.includes(`Email to ${address}`));
      await waitFor(() => lineFor() !== undefined, 'the log line');

      const line = lineFor() ?? '';
      expect(line).toContain('Confirm your TaskFlow account');
      const token = decodeURIComponent(LINK.exec(line)?.[1] ?? '');
      const confirmed = await http.post('/api/users/me/confirm', { token: registered.accessToken, json: { token } });
      expect(confirmed.status).toBe(204);
    });
  });
});

async function timed<T>(work: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const started = performance.now();
  const result = await work();
  return { result, ms: performance.now() - started };
}
