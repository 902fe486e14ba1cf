import { createUser, HttpClient, startTestApp, type TestApp, type TestUser } from '@taskflow/api-testing';
import fc from 'fast-check';
import { request as httpRequest } from 'node:http';
import { createTask } from '../tasks/task-helpers';
import { requestsFor, type FuzzContext, type FuzzRequest } from './fuzz-requests';
import { operationsOf, type OpenApiDocument, type Operation } from './openapi-operations';

/**
 * Property-based fuzzing of every route the running app documents in /docs-json, so that a route
 * added later is covered without touching this file. Valid, near-valid and hostile bodies and
 * query strings; for each: no 5xx, an error in the route's error shape, a bounded time, and after
 * a refused request the caller's data exactly as before.
 *
 * Replay a failure with the seed it prints: FUZZ_SEED=<seed> (and FUZZ_RUNS=<runs> to go deeper).
 */
const SEED = Number(process.env['FUZZ_SEED'] ?? Math.floor(Math.random() * 2 ** 31));
const RUNS = Number(process.env['FUZZ_RUNS'] ?? 25);
// 1 s is the goal on a quiet machine; CI shares its cores, so allow headroom.
const MAX_MS = Number(process.env['FUZZ_MAX_MS'] ?? 2_000);

interface Answer {
  status: number;
  type: string;
  text: string;
  ms: number;
}

/** Sends one request; an event stream counts as answered once its headers arrive. */
function send(baseUrl: string, fuzz: FuzzRequest): Promise<Answer> {
  const url = new URL(baseUrl);
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const request = httpRequest({ host: url.hostname, port: url.port, method: fuzz.method, path: fuzz.path, headers: fuzz.headers, timeout: 10_000 }, (response) => {
      const type = String(response.headers['content-type'] ?? '');
      if (type.includes('text/event-stream')) {
        resolve({ status: response.statusCode ?? 0, type, text: '', ms: performance.now() - started });
        request.destroy();
        return;
      }
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, type, text: Buffer.concat(chunks).toString('utf8'), ms: performance.now() - started }));
    });
    request.on('timeout', () => request.destroy(new Error('no answer within 10 s')));
    request.on('error', reject);
    request.end(fuzz.body);
  });
}

function errorShapeProblem(operation: Operation, answer: Answer): string | undefined {
  if (answer.status < 400) return undefined;
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(answer.text) as Record<string, unknown>;
  } catch {
    return `error body is not JSON: ${answer.text.slice(0, 200)}`;
  }
  if (operation.oauth && typeof body['error'] === 'string') return undefined;
  if (!answer.type.includes('application/problem+json')) return `content-type ${answer.type}, not problem+json`;
  if (body['status'] !== answer.status || typeof body['title'] !== 'string') return `not a problem body: ${answer.text.slice(0, 200)}`;
  if (answer.text.length > 16 * 1024) return `error body of ${answer.text.length} bytes`;
  return undefined;
}

/** fast-check's report puts the counterexample first; the cause (our message) is what a reader needs. */
function reason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const original = (error as { cause?: unknown }).cause;
  const cause = original instanceof Error ? original.message : /Got error: (.*)/s.exec(message)?.[1];
  const path = /path: "([^"]*)"/.exec(message)?.[1];
  return `${(cause ?? message).slice(0, 800)}${path !== undefined ? ` (path ${path})` : ''}`;
}

describe('fuzz: every documented route, valid, near-valid and hostile input', () => {
  let testApp: TestApp;
  let http: HttpClient;
  let user: TestUser;
  let operations: Operation[];

  beforeAll(async () => {
    testApp = await startTestApp();
    http = new HttpClient(testApp.baseUrl);
    user = await createUser(http);
    await createTask(http, user, { title: 'fuzz target', tags: ['a'] });
    operations = operationsOf((await http.get<OpenApiDocument>('/docs-json')).body);
    console.log(`fuzz: seed ${SEED}, ${RUNS} runs per operation, ${operations.length} operations (replay with FUZZ_SEED=${SEED})`);
  });
  afterAll(() => testApp.close());

  /** What the caller owns, as the API shows it. */
  async function snapshot(): Promise<string> {
    const me = await http.get('/api/users/me', { token: user.accessToken });
    const tasks = await http.get<{ items: { id: string }[] }>('/api/tasks?limit=100', { token: user.accessToken });
    return JSON.stringify({ me: me.status === 200 ? me.body : me.status, tasks: tasks.status === 200 ? [...tasks.body.items].sort((a, b) => a.id.localeCompare(b.id)) : tasks.status });
  }

  async function context(): Promise<FuzzContext> {
    const tasks = await http.get<{ items: { id: string }[] }>('/api/tasks?limit=5', { token: user.accessToken });
    return { accessToken: user.accessToken, knownIds: tasks.status === 200 ? tasks.body.items.map((task) => task.id) : [] };
  }

  it('covers the routes the contract names', () => {
    const keys = operations.map((operation) => `${operation.method} ${operation.path}`);
    expect(keys).toEqual(expect.arrayContaining(['POST /api/users', 'POST /api/token', 'GET /api/tasks', 'POST /api/tasks', 'PATCH /api/tasks/{id}', 'GET /api/users/me']));
  });

  it('never answers 5xx, always in the route\'s error shape, in bounded time, and a refused request changes nothing', async () => {
    const failures: string[] = [];
    for (const [index, operation] of operations.entries()) {
      const seed = SEED + index;
      let before = await snapshot();
      const fuzzContext = await context();
      try {
        await fc.assert(
          fc.asyncProperty(requestsFor(operation, fuzzContext), async (fuzz) => {
            const answer = await send(testApp.baseUrl, fuzz);
            const where = `${fuzz.method} ${fuzz.path.slice(0, 300)} [${fuzz.kind}]`;
            if (answer.status >= 500) throw new Error(`${where} answered ${answer.status}: ${answer.text.slice(0, 300)}`);
            const shape = errorShapeProblem(operation, answer);
            if (shape) throw new Error(`${where}: ${shape}`);
            if (answer.ms > MAX_MS) throw new Error(`${where} took ${answer.ms.toFixed(0)} ms`);
            if (answer.status >= 400 && fuzz.method !== 'GET') {
              const after = await snapshot();
              if (after !== before) throw new Error(`${where} was refused with ${answer.status} but changed the caller's data`);
            } else if (answer.status < 400 && fuzz.method !== 'GET') {
              before = await snapshot();
            }
          }),
          { seed, numRuns: RUNS, endOnFailure: true },
        );
      } catch (error) {
        failures.push(`${operation.method} ${operation.path} (replay: FUZZ_SEED=${SEED}; fast-check seed ${seed}): ${reason(error)}`);
      }
    }
    expect(failures).toEqual([]);
    // Bounded: a few minutes at most, whatever FUZZ_RUNS says.
  }, 10 * 60_000);
});
