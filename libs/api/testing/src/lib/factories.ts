import type { TokenResponse, User } from '@taskflow/shared-contracts';
import { randomBytes } from 'node:crypto';
import type { HttpClient } from './http-client';

export interface TestUser {
  user: User;
  username: string;
  password: string;
  accessToken: string;
  refreshToken: string;
}

/** A username no other test (or earlier run on the same database) has used. */
export function uniqueUsername(prefix = 'user'): string {
  return `${prefix}_${randomBytes(5).toString('hex')}`.slice(0, 32);
}

export async function registerUser(
  http: HttpClient,
  overrides: Partial<{ username: string; email: string; password: string }> = {},
): Promise<{ user: User; username: string; password: string }> {
  const username = overrides.username ?? uniqueUsername();
  const password = overrides.password ?? 'correct horse battery staple';
  const email = overrides.email ?? `${username}@example.com`;
  const response = await http.post<User>('/api/users', { json: { username, email, password } });
  if (response.status !== 201) throw new Error(`registration failed: ${response.status} ${response.text}`);
  return { user: response.body, username, password };
}

export async function login(http: HttpClient, username: string, password: string): Promise<TokenResponse> {
  const response = await http.post<TokenResponse>('/api/token', { form: { grant_type: 'password', username, password } });
  if (response.status !== 200) throw new Error(`login failed: ${response.status} ${response.text}`);
  return response.body;
}

/** Registers a fresh user and logs them in. */
export async function createUser(http: HttpClient, overrides: Partial<{ username: string; password: string }> = {}): Promise<TestUser> {
  const registered = await registerUser(http, overrides);
  const tokens = await login(http, registered.username, registered.password);
  return { ...registered, accessToken: tokens.access_token, refreshToken: tokens.refresh_token };
}
