import type { TokenResponse } from './auth';

/** Account management (contract "Accounts (v2)"). */
export interface PasswordResetRequest {
  email: string;
}

export interface PasswordResetConfirmRequest {
  token: string;
  password: string;
}

export interface ChangePasswordRequest {
  currentPassword: string;
  newPassword: string;
}

/** Sent on a token request to get the refresh token as an HttpOnly cookie instead of in the body. */
export const REFRESH_COOKIE_HEADER = 'X-Refresh-Cookie';
export const REFRESH_COOKIE_NAME = 'tf_refresh';

/** The token answer in cookie mode: the refresh token is in the `tf_refresh` cookie, out of reach of scripts. */
export type CookieTokenResponse = Omit<TokenResponse, 'refresh_token'>;
