import { Injectable } from '@nestjs/common';
import type { AuthenticatedUser } from '@taskflow/api-core';

const MAX_REMEMBERED = 50_000;

/**
 * Access tokens that passport-jwt has verified, remembered until they expire: checking the same
 * token's signature and claims again on every request was a sixth of a cached read's CPU. Keyed
 * by the whole token text, so only a byte-identical token skips verification; whether its session
 * is still alive is asked on every request all the same.
 */
@Injectable()
export class VerifiedTokens {
  private readonly tokens = new Map<string, { user: AuthenticatedUser; expiresAt: number }>();

  find(token: string): AuthenticatedUser | undefined {
    const known = this.tokens.get(token);
    if (!known) return undefined;
    // jsonwebtoken's rule: expired from the second `exp` names.
    if (Date.now() >= known.expiresAt) {
      this.tokens.delete(token);
      return undefined;
    }
    return known.user;
  }

  /** Only for a token passport-jwt has just accepted. */
  remember(token: string, user: AuthenticatedUser): void {
    const exp = expiryOf(token);
    if (exp === undefined) return;
    // Maps iterate in insertion order: dropping the first key drops the oldest entry.
    if (this.tokens.size >= MAX_REMEMBERED) this.tokens.delete(this.tokens.keys().next().value as string);
    this.tokens.set(token, { user: { id: user.id, sessionId: user.sessionId }, expiresAt: exp * 1000 });
  }
}

function expiryOf(token: string): number | undefined {
  try {
    const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { exp?: unknown };
    return typeof claims.exp === 'number' ? claims.exp : undefined;
  } catch {
    return undefined;
  }
}
