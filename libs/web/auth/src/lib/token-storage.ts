import { Injectable } from '@angular/core';
import type { TokenResponse } from '@taskflow/shared-contracts';

export interface StoredTokens {
  accessToken: string;
  refreshToken: string;
  /** Epoch milliseconds when the access token expires, as the server announced it. */
  expiresAt: number;
}

const KEY = 'taskflow.auth';

/**
 * Keeps the token pair in `sessionStorage` (see apps/web/README.md, "Where tokens are kept"):
 * one tab, one session; survives a reload, ends when the tab closes, and two tabs never race
 * each other with the same rotating refresh token.
 */
@Injectable({ providedIn: 'root' })
export class TokenStorage {
  read(): StoredTokens | null {
    try {
      const raw = globalThis.sessionStorage?.getItem(KEY);
      if (!raw) {
        return null;
      }
      const parsed = JSON.parse(raw) as Partial<StoredTokens>;
      return typeof parsed.accessToken === 'string' && typeof parsed.refreshToken === 'string'
        ? { accessToken: parsed.accessToken, refreshToken: parsed.refreshToken, expiresAt: Number(parsed.expiresAt) || 0 }
        : null;
    } catch {
      return null;
    }
  }

  write(tokens: StoredTokens | null): void {
    try {
      if (tokens) {
        globalThis.sessionStorage?.setItem(KEY, JSON.stringify(tokens));
      } else {
        globalThis.sessionStorage?.removeItem(KEY);
      }
    } catch {
      // Storage can be unavailable (private mode, quota); the session then lives in memory only.
    }
  }
}

export function tokensFromResponse(response: TokenResponse, now = Date.now()): StoredTokens {
  return {
    accessToken: response.access_token,
    refreshToken: response.refresh_token,
    expiresAt: now + response.expires_in * 1000,
  };
}
