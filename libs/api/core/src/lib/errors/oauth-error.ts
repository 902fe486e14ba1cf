import type { OAuthErrorCode } from '@taskflow/shared-contracts';

/**
 * An error of the OAuth2 token endpoint (RFC 6749 §5.2). It keeps the OAuth body shape
 * instead of problem+json because OAuth clients (Swagger UI among them) parse it.
 */
export class OAuthError extends Error {
  constructor(
    readonly error: OAuthErrorCode | 'slow_down',
    readonly description: string,
    readonly status = 400,
    readonly retryAfterSeconds?: number,
  ) {
    super(description);
    this.name = 'OAuthError';
  }
}
