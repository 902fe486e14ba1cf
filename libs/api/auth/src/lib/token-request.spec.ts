import { OAuthError } from '@taskflow/api-core';
import { parseTokenRequest } from './token-request';

function oauthError(body: unknown): string | undefined {
  try {
    parseTokenRequest(body);
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(OAuthError);
    expect((error as OAuthError).status).toBe(400);
    return (error as OAuthError).error;
  }
}

describe('parseTokenRequest', () => {
  it('reads a password grant and ignores the extra OAuth fields', () => {
    expect(parseTokenRequest({ grant_type: 'password', username: 'ada', password: 'secret pw', scope: 'a b', client_id: 'x', client_secret: '' })).toEqual({
      grantType: 'password',
      username: 'ada',
      password: 'secret pw',
    });
  });

  it('reads a refresh grant', () => {
    expect(parseTokenRequest({ grant_type: 'refresh_token', refresh_token: 'abc' })).toEqual({ grantType: 'refresh_token', refreshToken: 'abc' });
  });

  it.each([
    ['no body', undefined],
    ['null', null],
    ['an array', [{ grant_type: 'password' }]],
    ['a string', 'grant_type=password'],
    ['no grant_type', { username: 'ada', password: 'pw' }],
    ['an empty grant_type', { grant_type: '' }],
    ['a password grant without password', { grant_type: 'password', username: 'ada' }],
    ['a password grant without username', { grant_type: 'password', password: 'pw' }],
    ['a repeated field (form arrays)', { grant_type: 'password', username: ['a', 'b'], password: 'pw' }],
    ['a number for password', { grant_type: 'password', username: 'ada', password: 12345678 }],
    ['an oversized field', { grant_type: 'password', username: 'ada', password: 'x'.repeat(5000) }],
    ['a refresh grant without refresh_token', { grant_type: 'refresh_token' }],
  ])('answers invalid_request for %s', (_, body) => {
    expect(oauthError(body)).toBe('invalid_request');
  });

  it.each(['client_credentials', 'authorization_code', 'PASSWORD', 'urn:ietf:params:oauth:grant-type:device_code'])(
    'answers unsupported_grant_type for %s',
    (grant) => {
      expect(oauthError({ grant_type: grant })).toBe('unsupported_grant_type');
    },
  );
});
