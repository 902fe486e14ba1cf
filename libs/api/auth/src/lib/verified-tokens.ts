import { Injectable } from '@nestjs/common';
import { ExpiringMap, type AuthenticatedUser } from '@taskflow/api-core';

const MAX_REMEMBERED = 50_000;

/**
 * Access tokens that passport-jwt has verified, remembered until they expire: checking the same
 * token's signature and claims again on every request was a sixth of a cached read's CPU. Keyed
 * by the whole token text, so only a byte-identical token skips verification; whether its session
 * is still alive is asked on every request all the same.
 */
@Injectable()
export class VerifiedTokens {
  private readonly tokens = new ExpiringMap<string, AuthenticatedUser>(MAX_REMEMBERED);

  find(token: string): AuthenticatedUser | undefined {
    return this.tokens.get(token);
  }

  /** Only for a token passport-jwt has just accepted. */
  remember(token: string, user: AuthenticatedUser): void {
    const exp = expiryOf(token);
    if (exp === undefined) return;
    // jsonwebtoken's rule: expired from the second `exp` names.
    this.tokens.set(token, { id: user.id, sessionId: user.sessionId }, exp * 1000);
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
