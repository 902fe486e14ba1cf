import { uniqueUsername } from '@taskflow/api-testing';
import { startBuiltApi, type RunningApi } from './built-api';

describe('graceful shutdown of the built API', () => {
  jest.setTimeout(180_000);
  let api: RunningApi | undefined;

  afterAll(() => {
    api?.process.kill('SIGKILL');
  });

  it('finishes a request in flight on SIGTERM, refuses new ones, and exits 0 within a container stop timeout', async () => {
    api = await startBuiltApi({
      DATABASE_URL: process.env['DATABASE_URL'] ?? '',
      DATABASE_POOL_SIZE: process.env['DATABASE_POOL_SIZE'] ?? '4',
      SECRET_KEY: 'shutdown-test-secret-that-is-long-enough-0123456789',
    });
    const username = uniqueUsername('drain');
    const body = JSON.stringify({ username, email: `${username}@example.com`, password: 'long enough password' });
    const half = Math.floor(body.length / 2);

    // The body arrives in two parts with the signal in between: the request is provably in flight.
    let sendRest!: () => void;
    const restSent = new Promise<void>((resolve) => (sendRest = resolve));
    let firstPartPulled!: () => void;
    const started = new Promise<void>((resolve) => (firstPartPulled = resolve));
    const stream = new ReadableStream<Uint8Array>({
      async pull(controller) {
        controller.enqueue(new TextEncoder().encode(body.slice(0, half)));
        firstPartPulled();
        await restSent;
        controller.enqueue(new TextEncoder().encode(body.slice(half)));
        controller.close();
      },
    });
    const inFlight = fetch(`${api.baseUrl}/api/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) },
      body: stream,
      duplex: 'half',
    } as RequestInit & { duplex: 'half' });
    await started;
    await new Promise((resolve) => setTimeout(resolve, 200));

    api.process.kill('SIGTERM');
    const signalledAt = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 300));
    const late = await fetch(`${api.baseUrl}/api/health/live`).then((r) => r.status, () => 'refused');
    sendRest();

    const response = await inFlight;
    expect(response.status).toBe(201);
    expect(((await response.json()) as { username: string }).username).toBe(username);
    expect(late === 'refused' || late === 503).toBe(true);
    // The client's keep-alive socket is not left open: the server would wait on it for its keepAliveTimeout (72 s).
    expect(response.headers.get('connection')).toBe('close');
    expect(await api.exited).toBe(0);
    // Docker's default stop timeout, after which the process is killed instead.
    expect(Date.now() - signalledAt).toBeLessThan(10_000);
  });
});
