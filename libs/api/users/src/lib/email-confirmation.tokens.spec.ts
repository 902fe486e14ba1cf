import type { AuthConfig } from '@taskflow/api-config';
import { EmailConfirmationTokens } from './email-confirmation.tokens';

const config = { secretKey: 'unit-test-secret-key-that-is-long-enough-0123456789' } as AuthConfig;
const USER = '6f1c2b9e-3d4a-4e5f-8a7b-1c2d3e4f5a6b';
const OTHER = '0b9a8c7d-6e5f-4a3b-9c2d-1e0f9a8b7c6d';
const DAY = 24 * 60 * 60 * 1000;

describe('EmailConfirmationTokens', () => {
  const tokens = new EmailConfirmationTokens(config);

  it('verifies its own token as the user it was issued for', () => {
    expect(tokens.verify(tokens.issue(USER))).toBe(USER);
  });

  it('keeps a token valid for three days, then refuses it', () => {
    const issuedAt = Date.now();
    const token = tokens.issue(USER, issuedAt);
    expect(tokens.verify(token, issuedAt + 3 * DAY - 1000)).toBe(USER);
    expect(tokens.verify(token, issuedAt + 3 * DAY + 1000)).toBeUndefined();
  });

  it('refuses a token whose user, expiry or signature was changed', () => {
    const [user, expires, signature] = tokens.issue(USER).split('.') as [string, string, string];
    expect(user).toBe(USER);
    expect(tokens.verify(`${OTHER}.${expires}.${signature}`)).toBeUndefined();
    expect(tokens.verify(`${user}.${Number(expires) + 1}.${signature}`)).toBeUndefined();
    expect(tokens.verify(`${user}.${expires}.${signature.slice(0, -1)}${signature.endsWith('A') ? 'B' : 'A'}`)).toBeUndefined();
  });

  it('refuses a token signed with another secret', () => {
    const other = new EmailConfirmationTokens({ secretKey: 'another-secret-key-that-is-long-enough-0123456789' } as AuthConfig);
    expect(tokens.verify(other.issue(USER))).toBeUndefined();
  });

  it.each(['', 'garbage', 'a.b', 'a.b.c.d', `${USER}.soon.sig`, `${USER}..sig`, `.${Date.now()}.sig`])('refuses the malformed token %p', (token) => {
    expect(tokens.verify(token)).toBeUndefined();
  });
});
