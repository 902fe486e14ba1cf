import { OAuthError } from '@taskflow/api-core';

export type TokenRequest =
  | { grantType: 'password'; username: string; password: string }
  | { grantType: 'refresh_token'; refreshToken: string };

const MAX_FIELD_LENGTH = 4096;

function field(body: Record<string, unknown>, name: string): string | undefined {
  const value = body[name];
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string' || value.length > MAX_FIELD_LENGTH) {
    throw new OAuthError('invalid_request', `${name} must be a string of at most ${MAX_FIELD_LENGTH} characters.`);
  }
  return value;
}

/**
 * Reads an OAuth2 token request (form or JSON). Errors here are OAuth errors, not problem+json,
 * because OAuth clients expect `{ error, error_description }`. Extra OAuth parameters
 * (`scope`, `client_id`, `client_secret`, as Swagger UI sends) are accepted and ignored.
 */
export function parseTokenRequest(body: unknown): TokenRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new OAuthError('invalid_request', 'The request body must be a form or a JSON object.');
  }
  const fields = body as Record<string, unknown>;
  const grantType = field(fields, 'grant_type');
  if (!grantType) throw new OAuthError('invalid_request', 'grant_type is required.');
  if (grantType === 'password') {
    const username = field(fields, 'username');
    const password = field(fields, 'password');
    if (!username || !password) throw new OAuthError('invalid_request', 'username and password are required.');
    return { grantType, username, password };
  }
  if (grantType === 'refresh_token') {
    const refreshToken = field(fields, 'refresh_token');
    if (!refreshToken) throw new OAuthError('invalid_request', 'refresh_token is required.');
    return { grantType, refreshToken };
  }
  throw new OAuthError('unsupported_grant_type', `grant_type "${grantType}" is not supported; use password or refresh_token.`);
}
