import { ACTIVITY_CONSUMER } from '@taskflow/api-activity';
import { EventDispatcher, EventLog, OutboxWriter } from '@taskflow/api-events';
import { createUser, HttpClient, startTestAppOnOwnDatabase, type TestApp } from '@taskflow/api-testing';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { eventually } from '../activity/activity-helpers';

describe('platform: health, docs, request ids, body rules', () => {
  let testApp: TestApp;
  let http: HttpClient;

  beforeAll(async () => {
    // Its own database: the tests below hold and count the outbox's consumers, which a neighbouring
    // suite's app would otherwise work too (its ack releases a lease this suite holds).
    testApp = await startTestAppOnOwnDatabase();
    http = new HttpClient(testApp.baseUrl);
  });
  afterAll(() => testApp.close());

  it('answers liveness and readiness with the database up', async () => {
    expect((await http.get('/api/health/live')).status).toBe(200);
    const ready = await http.get<{ status: string; checks: Record<string, { status: string }> }>('/api/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.checks['database']?.status).toBe('up');
  });

  it('reports the activity consumer\'s dead letters in readiness without turning it unready', async () => {
    type Ready = { status: string; checks: Record<string, { status: string; deadLetters?: number; consumers?: Record<string, { deadLetters: number }> }> };
    const before = await http.get<Ready>('/api/health/ready');
    const deadBefore = before.body.checks['queue']?.deadLetters;
    expect(deadBefore).toEqual(expect.any(Number));

    // An event no activity store can take (its changes are not an object): the consumer rejects it for good.
    const writer = testApp.app.get(OutboxWriter);
    const poison = { type: 'task.updated', projectId: randomUUID(), ownerId: null, actorId: randomUUID(), data: { taskId: randomUUID(), version: 2, changes: 'not an object', task: {} } };
    await writer.transaction((tx) => writer.write(tx, [poison as never]));
    const log = testApp.app.get(EventLog);
    await eventually(async () => (await log.backlog(ACTIVITY_CONSUMER, undefined)).deadLetters !== deadBefore);

    const after = await http.get<Ready>('/api/health/ready');
    expect(after.status).toBe(200);
    expect(after.body.status).toBe('up');
    expect(after.body.checks['queue']).toMatchObject({ status: 'up', deadLetters: (deadBefore ?? 0) + 1 });
    expect(after.body.checks['queue']?.consumers?.['activity']?.deadLetters).toBe((before.body.checks['queue']?.consumers?.['activity']?.deadLetters ?? 0) + 1);
  });

  it('shows in readiness which consumer of the event outbox lags, and that it catches up', async () => {
    type Backlog = { pending: number; retrying: number; oldestAgeSeconds: number; deadLetters: number };
    type Queue = Backlog & { status: string; detail: string; consumers: Record<string, Backlog> };
    const queue = async () => (await http.get<{ status: string; checks: { queue: Queue } }>('/api/health/ready')).body.checks.queue;
    const db = testApp.app.get(DataSource);
    const dispatcher = testApp.app.get(EventDispatcher);
    const owner = await createUser(http);
    await dispatcher.drain('live');
    // The live consumer's lease held elsewhere, as by a replica that hangs: it takes nothing meanwhile.
    await db.query(`UPDATE event_consumers SET lease_until = now() + interval '1 hour' WHERE name = 'live'`);
    try {
      const created = await http.post('/api/tasks', { token: owner.accessToken, json: { title: 'Waits for live' } });
      expect(created.status).toBe(201);
      let lagging!: Queue;
      await eventually(async () => (lagging = await queue()).consumers['activity']?.pending === 0);
      expect(lagging).toMatchObject({ status: 'up', detail: 'event outbox' });
      expect(Object.keys(lagging.consumers)).toEqual(expect.arrayContaining(['activity', 'live']));
      expect(lagging.consumers['activity']).toMatchObject({ pending: 0, retrying: 0 });
      expect(lagging.consumers['live']?.pending).toBeGreaterThanOrEqual(1);
      expect(lagging.pending).toBe(Object.values(lagging.consumers).reduce((sum, consumer) => sum + consumer.pending, 0));
    } finally {
      await db.query(`UPDATE event_consumers SET lease_until = '-infinity' WHERE name = 'live'`);
    }
    dispatcher.nudge();
    let caughtUp!: Queue;
    await eventually(async () => (caughtUp = await queue()).consumers['live']?.pending === 0);
    expect(caughtUp.consumers['live']?.pending).toBe(0);
  });

  it('serves Swagger UI at /docs and the OpenAPI document at /docs-json', async () => {
    const ui = await http.get('/docs');
    expect(ui.status).toBe(200);
    expect(ui.text).toContain('swagger');
    const doc = await http.get<{ openapi: string; paths: Record<string, unknown>; components: { securitySchemes: Record<string, unknown> } }>('/docs-json');
    expect(doc.body.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(['/api/users', '/api/token', '/api/users/me']));
    expect(doc.body.components.securitySchemes).toHaveProperty('oauth2');
  });

  it('echoes a given X-Request-Id and generates one otherwise', async () => {
    const given = await http.get('/api/health/live', { headers: { 'x-request-id': 'trace-abc-123' } });
    expect(given.headers.get('x-request-id')).toBe('trace-abc-123');
    const generated = await http.get('/api/nowhere');
    expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers an unknown route with problem+json 404', async () => {
    const response = await http.get<{ status: number; title: string }>('/api/nowhere', { token: 'x' });
    expect([401, 404]).toContain(response.status);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
  });

  it('refuses a non-JSON body on a JSON route with 415', async () => {
    const response = await http.post('/api/users', { form: { username: 'someone', email: 'a@b.co', password: 'long enough' } });
    expect(response.status).toBe(415);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
  });

  it('refuses a body over 1 MiB with 413', async () => {
    const response = await http.post('/api/users', {
      json: { username: 'big', email: 'big@example.com', password: 'x'.repeat(1024 * 1024 + 10) },
    });
    expect(response.status).toBe(413);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
  });

  it('refuses malformed JSON with a 400 problem, not a 500', async () => {
    const response = await http.post('/api/users', { body: '{"username":', headers: { 'content-type': 'application/json' } });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
  });

  it('sets security headers and hides the framework', async () => {
    const response = await http.get('/api/health/live');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-powered-by')).toBeNull();
  });
});
