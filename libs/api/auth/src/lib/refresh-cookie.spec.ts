import type { FastifyReply, FastifyRequest } from 'fastify';
import { clearRefreshCookie, readRefreshCookie, setRefreshCookie, wantsRefreshCookie } from './refresh-cookie';

const request = (protocol: 'http' | 'https', host: string, headers: Record<string, string> = {}) =>
  ({ protocol, headers: { host, ...headers } }) as unknown as FastifyRequest;

function setCookieFor(req: FastifyRequest, clear = false): string {
  let value = '';
  const reply = { header: (name: string, v: string) => (name === 'set-cookie' ? (value = v) : undefined) } as unknown as FastifyReply;
  if (clear) clearRefreshCookie(req, reply);
  else setRefreshCookie(req, reply, 'tok', 60);
  return value;
}

describe('refresh cookie', () => {
  it.each([
    ['http', 'localhost:4200'],
    ['http', 'app.localhost'],
    ['http', '127.0.0.1:3000'],
    ['http', '[::1]:3000'],
  ] as const)('is not Secure on %s://%s (browsers accept it there in development)', (protocol, host) => {
    expect(setCookieFor(request(protocol, host))).toBe('tf_refresh=tok; Max-Age=60; Path=/api/token; HttpOnly; SameSite=Strict');
  });

  it.each([
    ['http', 'taskflow.example.com'],
    ['http', '192.168.1.20:3000'],
    ['http', 'localhost.example.com'],
    ['https', 'localhost'],
    ['https', 'taskflow.example.com'],
  ] as const)('is Secure on %s://%s', (protocol, host) => {
    expect(setCookieFor(request(protocol, host))).toMatch(/; Secure$/);
  });

  it('clears with an empty value and Max-Age=0 on the same path', () => {
    expect(setCookieFor(request('http', 'localhost'), true)).toBe('tf_refresh=; Max-Age=0; Path=/api/token; HttpOnly; SameSite=Strict');
  });

  it('reads tf_refresh among other cookies, and nothing from a look-alike name', () => {
    expect(readRefreshCookie(request('http', 'localhost', { cookie: 'a=1; tf_refresh=abc-_9; b=2' }))).toBe('abc-_9');
    expect(readRefreshCookie(request('http', 'localhost', { cookie: 'xtf_refresh=abc; tf_refresh_old=def' }))).toBeUndefined();
    expect(readRefreshCookie(request('http', 'localhost', { cookie: 'tf_refresh=' }))).toBeUndefined();
    expect(readRefreshCookie(request('http', 'localhost'))).toBeUndefined();
  });

  it('is asked for only by X-Refresh-Cookie: 1', () => {
    expect(wantsRefreshCookie(request('http', 'localhost', { 'x-refresh-cookie': '1' }))).toBe(true);
    expect(wantsRefreshCookie(request('http', 'localhost', { 'x-refresh-cookie': 'true' }))).toBe(false);
    expect(wantsRefreshCookie(request('http', 'localhost'))).toBe(false);
  });
});
