import { registerAs } from '@nestjs/config';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { EnvironmentVariables, validateEnvironment } from './environment';

/** Namespaces read the already-validated environment, so each value is parsed and checked once. */
const env = (): EnvironmentVariables => validateEnvironment(process.env);

/** `a, b,,c` → `['a', 'b', 'c']`, for the comma-separated variables. */
export const splitList = (value: string): string[] =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);

export const appConfig = registerAs('app', () => {
  const e = env();
  return {
    nodeEnv: e.NODE_ENV,
    isProduction: e.NODE_ENV === 'production',
    port: e.PORT,
    host: e.HOST,
    corsOrigins: splitList(e.CORS_ORIGINS),
    trustedProxies: splitList(e.TRUSTED_PROXIES),
    logLevel: e.LOG_LEVEL,
    dataDir: resolve(e.DATA_DIR),
    webAppUrl: e.WEB_APP_URL.replace(/\/+$/, ''),
  };
});

export const databaseConfig = registerAs('database', () => {
  const e = env();
  return { url: e.DATABASE_URL, poolSize: e.DATABASE_POOL_SIZE, dataDir: resolve(e.DATA_DIR, 'postgres') };
});

export const redisConfig = registerAs('redis', () => {
  const e = env();
  return { url: e.REDIS_URL, keyPrefix: e.REDIS_KEY_PREFIX };
});

export const mongoConfig = registerAs('mongo', () => ({ uri: env().MONGODB_URI }));

export const authConfig = registerAs('auth', () => {
  const e = env();
  return {
    secretKey: e.SECRET_KEY ?? developmentSecret(resolve(e.DATA_DIR)),
    accessTokenTtlSeconds: e.ACCESS_TOKEN_EXPIRE_MINUTES * 60,
    refreshTokenTtlSeconds: e.REFRESH_TOKEN_EXPIRE_DAYS * 24 * 60 * 60,
  };
});

export const rateLimitConfig = registerAs('rateLimit', () => {
  const e = env();
  return {
    windowSeconds: e.RATE_LIMIT_WINDOW_SECONDS,
    loginFailuresPerUsername: e.RATE_LIMIT_LOGIN_FAILURES,
    tokenRequestsPerClient: e.RATE_LIMIT_TOKEN_REQUESTS,
    registrationsPerClient: e.RATE_LIMIT_REGISTRATIONS,
    confirmationEmailsPerHour: e.RATE_LIMIT_CONFIRMATION_EMAILS,
    passwordResetsPerHour: e.RATE_LIMIT_PASSWORD_RESETS,
  };
});

export const mailConfig = registerAs('mail', () => {
  const e = env();
  return { smtpUrl: e.SMTP_URL, from: e.MAIL_FROM, webAppUrl: e.WEB_APP_URL.replace(/\/+$/, '') };
});

/**
 * Outside production a missing SECRET_KEY gets a random one kept under the data directory,
 * so `npm start` needs no setup and tokens still survive a restart.
 */
function developmentSecret(dataDir: string): string {
  const file = join(dataDir, 'secret-key');
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    const secret = randomBytes(48).toString('base64');
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, secret, { mode: 0o600 });
    return secret;
  }
}
