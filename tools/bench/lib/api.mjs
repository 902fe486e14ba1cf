// Starting the built API for a bench, and the requests that seed it.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';

/**
 * The built API on `port`, with limits lifted so that seeding and load are not rate-limited.
 * APIs that must accept each other's tokens (compare.mjs) are given the same `secretKey`.
 */
export function startApi({ main, port, databaseUrl, redisUrl, keyPrefix, secretKey = randomBytes(48).toString('base64'), nodeArgs = [], env = {}, cwd }) {
  return spawn(process.execPath, [...nodeArgs, main], {
    cwd,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      REDIS_URL: redisUrl,
      REDIS_KEY_PREFIX: keyPrefix,
      SECRET_KEY: secretKey,
      LOG_LEVEL: 'warn',
      RATE_LIMIT_TOKEN_REQUESTS: '1000000',
      RATE_LIMIT_REGISTRATIONS: '1000000',
      ...env,
    },
  });
}

export async function stopApi(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  await new Promise((resolve) => child.once('exit', resolve));
}

export async function waitUntilLive(base) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (await fetch(`${base}/api/health/ready`).then((r) => r.ok, () => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the API at ${base} did not become ready`);
}

/** POST with a JSON body (and a bearer token when given). */
export function postJson(base, path, body, token) {
  return fetch(base + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
}

/** A new user, logged in: `{ username, token }`. */
export async function registerUser(base, prefix) {
  const username = `${prefix}_${randomBytes(4).toString('hex')}`;
  const password = 'benchmark password';
  const registered = await postJson(base, '/api/users', { username, email: `${username}@example.com`, password });
  if (registered.status !== 201) throw new Error(`register ${username}: ${registered.status} ${await registered.text()}`);
  const tokens = await (await postJson(base, '/api/token', { grant_type: 'password', username, password })).json();
  return { username, token: tokens.access_token };
}
