import { MailQueue, MailWorker } from '@taskflow/api-mail';
import { databaseEnv, startTestApp, uniqueUsername, type TestApp, type TestDatabase } from '@taskflow/api-testing';
import { DataSource } from 'typeorm';
import { createMailTestDatabase } from './mail-test-database';
import { TestSmtpServer, waitFor } from './test-smtp-server';

const EMAILS = 40;

describe('mail: several API processes on one outbox', () => {
  let database: TestDatabase;
  let smtp: TestSmtpServer;
  let apps: TestApp[];

  beforeAll(async () => {
    database = await createMailTestDatabase();
    // A slow server makes the two workers' rounds overlap.
    smtp = await TestSmtpServer.start({ dataDelayMs: 30 });
    // Each app signs its mail differently, so the test can tell which worker sent what.
    apps = [
      await startTestApp({ ...databaseEnv(database), SMTP_URL: smtp.url, MAIL_FROM: 'a@worker.test' }),
      await startTestApp({ ...databaseEnv(database), SMTP_URL: smtp.url, MAIL_FROM: 'b@worker.test' }),
    ];
  });
  afterAll(async () => {
    for (const testApp of apps ?? []) await testApp.close();
    await smtp?.close();
    await database?.dispose();
  });

  it('never sends one email twice, with both workers claiming at the same moment', async () => {
    const prefix = uniqueUsername('w');
    const recipients = Array.from({ length: EMAILS }, (_, index) => `${prefix}-${index}@example.com`);
    // Queued straight into the table (no nudge), then both workers woken at once: a real race for the rows.
    await apps[0].app.get(DataSource).query(
      `INSERT INTO email_outbox (kind, recipient, payload)
       SELECT 'test', r, '{"subject":"race","text":"race","html":"<p>race</p>"}'::jsonb FROM unnest($1::text[]) AS r`,
      [recipients],
    );
    for (const testApp of apps) testApp.app.get(MailWorker).nudge();

    const ours = () => smtp.messages.filter((message) => message.envelopeTo[0]?.startsWith(prefix));
    await waitFor(() => ours().length >= EMAILS, `${EMAILS} emails`, 20_000);
    // Anything sent twice would arrive a little later: let both workers settle first.
    await Promise.all(apps.map((testApp) => testApp.app.get(MailWorker).idle()));
    await new Promise((resolve) => setTimeout(resolve, 300));

    const delivered = ours().map((message) => message.envelopeTo[0]);
    expect(delivered).toHaveLength(EMAILS);
    expect(new Set(delivered)).toEqual(new Set(recipients));
    const senders = new Set(ours().map((message) => message.envelopeFrom));
    expect(senders).toEqual(new Set(['a@worker.test', 'b@worker.test']));
  });

  it('delivers email queued through either process exactly once', async () => {
    const prefix = uniqueUsername('q');
    const recipients = Array.from({ length: 10 }, (_, index) => `${prefix}-${index}@example.com`);
    await Promise.all(
      recipients.map((to, index) =>
        apps[index % 2].app.get(MailQueue).enqueue({ kind: 'test', to, subject: 'queued', text: 'queued', html: '<p>queued</p>' }),
      ),
    );
    const ours = () => smtp.messages.filter((message) => message.envelopeTo[0]?.startsWith(prefix));
    await waitFor(() => ours().length >= recipients.length, `${recipients.length} emails`);
    await Promise.all(apps.map((testApp) => testApp.app.get(MailWorker).idle()));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(ours().map((message) => message.envelopeTo[0]).sort()).toEqual([...recipients].sort());
  });
});
