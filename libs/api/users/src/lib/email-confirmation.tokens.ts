import { Inject, Injectable } from '@nestjs/common';
import { authConfig, type AuthConfig } from '@taskflow/api-config';
import { createHmac, timingSafeEqual } from 'node:crypto';

const PURPOSE = 'confirm-email';
const TTL_SECONDS = 3 * 24 * 60 * 60;

/**
 * Stateless confirmation tokens: `<userId>.<expiry>.<hmac>`. Nothing to store or clean up;
 * confirming twice is harmless, so a token need not be single-use.
 */
@Injectable()
export class EmailConfirmationTokens {
  constructor(@Inject(authConfig.KEY) private readonly config: AuthConfig) {}

  issue(userId: string, now = Date.now()): string {
    const expires = Math.floor(now / 1000) + TTL_SECONDS;
    return `${userId}.${expires}.${this.sign(userId, expires)}`;
  }

  /** The user id the token confirms, or undefined for a forged, malformed or expired token. */
  verify(token: string, now = Date.now()): string | undefined {
    const [userId, expiresText, signature, extra] = token.split('.');
    if (!userId || !expiresText || !signature || extra !== undefined) return undefined;
    const expires = Number(expiresText);
    if (!Number.isInteger(expires) || expires < now / 1000) return undefined;
    const expected = Buffer.from(this.sign(userId, expires));
    const given = Buffer.from(signature);
    return given.length === expected.length && timingSafeEqual(given, expected) ? userId : undefined;
  }

  private sign(userId: string, expires: number): string {
    return createHmac('sha256', this.config.secretKey).update(`${PURPOSE}:${userId}:${expires}`).digest('base64url');
  }
}
