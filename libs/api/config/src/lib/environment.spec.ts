import { ConfigValidationError, NodeEnvironment, PLACEHOLDER_SECRET_KEY, validateEnvironment } from './environment';

const GOOD_SECRET = 'a-production-secret-that-is-certainly-longer-than-32-bytes';

/** The one line validateEnvironment throws, or undefined when it accepts the environment. */
function failure(env: Record<string, string>): string | undefined {
  try {
    validateEnvironment(env);
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigValidationError);
    const message = (error as Error).message;
    expect(message.split('\n')).toHaveLength(1);
    return message;
  }
}

describe('validateEnvironment', () => {
  it('accepts an empty environment with the documented defaults', () => {
    const env = validateEnvironment({});
    expect(env).toMatchObject({
      NODE_ENV: NodeEnvironment.Development,
      PORT: 3000,
      HOST: 'localhost',
      ACCESS_TOKEN_EXPIRE_MINUTES: 30,
      REFRESH_TOKEN_EXPIRE_DAYS: 14,
      RATE_LIMIT_LOGIN_FAILURES: 10,
      RATE_LIMIT_TOKEN_REQUESTS: 300,
      RATE_LIMIT_REGISTRATIONS: 100,
      RATE_LIMIT_WINDOW_SECONDS: 900,
      TRUSTED_PROXIES: '',
    });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.REDIS_URL).toBeUndefined();
  });

  it('parses numbers and keeps well-formed URLs', () => {
    const env = validateEnvironment({
      PORT: '8080',
      ACCESS_TOKEN_EXPIRE_MINUTES: '5',
      RATE_LIMIT_LOGIN_FAILURES: '3',
      DATABASE_URL: 'postgres://app:pw@db:5432/taskflow',
      REDIS_URL: 'redis://cache:6379',
      MONGODB_URI: 'mongodb://mongo:27017/taskflow',
      TRUSTED_PROXIES: '10.0.0.0/8, 127.0.0.1, ::1',
    });
    expect(env.PORT).toBe(8080);
    expect(env.ACCESS_TOKEN_EXPIRE_MINUTES).toBe(5);
    expect(env.RATE_LIMIT_LOGIN_FAILURES).toBe(3);
    expect(env.DATABASE_URL).toBe('postgres://app:pw@db:5432/taskflow');
  });

  it.each(['localhost', '127.0.0.1', '::1', '0.0.0.0', '::'])('accepts HOST=%s', (host) => {
    expect(validateEnvironment({ HOST: host }).HOST).toBe(host);
  });

  it('treats blank optional values as unset', () => {
    const env = validateEnvironment({ DATABASE_URL: '', REDIS_URL: '  ', SECRET_KEY: '' });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.REDIS_URL).toBeUndefined();
    expect(env.SECRET_KEY).toBeUndefined();
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['PORT', '3.5'],
    ['NODE_ENV', 'staging'],
    ['DATABASE_URL', 'mysql://db/taskflow'],
    ['DATABASE_POOL_SIZE', '0'],
    ['REDIS_URL', 'http://cache:6379'],
    ['MONGODB_URI', 'localhost:27017'],
    ['ACCESS_TOKEN_EXPIRE_MINUTES', '0'],
    ['ACCESS_TOKEN_EXPIRE_MINUTES', 'thirty'],
    ['REFRESH_TOKEN_EXPIRE_DAYS', '-1'],
    ['RATE_LIMIT_LOGIN_FAILURES', '0'],
    ['RATE_LIMIT_TOKEN_REQUESTS', 'lots'],
    ['RATE_LIMIT_REGISTRATIONS', '1.5'],
    ['RATE_LIMIT_WINDOW_SECONDS', '0'],
    ['TRUSTED_PROXIES', 'proxy.internal'],
    ['LOG_LEVEL', 'verbose'],
    ['WEB_APP_URL', 'not a url'],
    ['HOST', 'example.com'],
    ['HOST', '300.1.1.1'],
    ['RATE_LIMIT_CONFIRMATION_EMAILS', '0'],
    ['RATE_LIMIT_PASSWORD_RESETS', 'five'],
  ])('refuses a malformed %s=%s with one line naming it', (name, value) => {
    const message = failure({ [name]: value });
    expect(message).toBeDefined();
    expect(message).toMatch(new RegExp(`^Invalid configuration: ${name}\\b`));
  });

  describe('in production', () => {
    it('accepts a long, real SECRET_KEY', () => {
      expect(failure({ NODE_ENV: 'production', SECRET_KEY: GOOD_SECRET })).toBeUndefined();
    });

    it.each([
      ['missing', {}],
      ['blank', { SECRET_KEY: '   ' }],
      ['short', { SECRET_KEY: 'x'.repeat(31) }],
      ['the .env.example placeholder', { SECRET_KEY: PLACEHOLDER_SECRET_KEY }],
      ['the placeholder with stray spaces', { SECRET_KEY: ` ${PLACEHOLDER_SECRET_KEY} ` }],
      ['a lengthened placeholder', { SECRET_KEY: `${PLACEHOLDER_SECRET_KEY}-please` }],
    ])('refuses a SECRET_KEY that is %s', (_, env) => {
      const message = failure({ NODE_ENV: 'production', ...env });
      expect(message).toMatch(/^Invalid configuration: SECRET_KEY\b/);
    });

    it('counts bytes, not characters: 16 two-byte characters are enough', () => {
      expect(failure({ NODE_ENV: 'production', SECRET_KEY: 'é'.repeat(16) })).toBeUndefined();
    });

    it('still reports a malformed variable by name', () => {
      expect(failure({ NODE_ENV: 'production', SECRET_KEY: GOOD_SECRET, PORT: 'eighty' })).toMatch(/^Invalid configuration: PORT\b/);
    });
  });

  it('lets a short SECRET_KEY through outside production (development convenience)', () => {
    expect(failure({ NODE_ENV: 'development', SECRET_KEY: 'short' })).toBeUndefined();
  });
});
