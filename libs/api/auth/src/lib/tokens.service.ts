import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { authConfig, type AuthConfig } from '@taskflow/api-config';
import { OAuthError } from '@taskflow/api-core';
import type { TokenResponse } from '@taskflow/shared-contracts';
import { createHash, randomBytes } from 'node:crypto';
import { ActiveSessions } from './active-sessions';
import type { TokenRequestDto } from './dto/token-request.dto';
import type { PasswordGrantUser } from './strategies/local.strategy';
import { SessionsRepository } from './sessions.repository';

export interface AccessTokenClaims {
  sub: string;
  sid: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);

/** Opaque refresh tokens carry 256 random bits, so a fast hash is enough to store them safely. */
const hashToken = (token: string) => createHash('sha256').update(token).digest();
const newRefreshToken = () => randomBytes(32).toString('base64url');

@Injectable()
export class TokensService {
  constructor(
    private readonly jwt: JwtService,
    private readonly sessions: SessionsRepository,
    private readonly activeSessions: ActiveSessions,
    @Inject(authConfig.KEY) private readonly config: AuthConfig,
  ) {}

  get refreshTokenTtlSeconds(): number {
    return this.config.refreshTokenTtlSeconds;
  }

  /** Answers a validated token request; `byPassword` is who the password grant authenticated, `cookieRefreshToken` stands in for a missing `refresh_token` in cookie mode. */
  async grant(request: TokenRequestDto, byPassword: PasswordGrantUser | undefined, cookieRefreshToken?: string): Promise<TokenResponse> {
    switch (request.grant_type) {
      case 'password':
        // PasswordGrantGuard (passport-local) authenticated the user before the body was validated.
        if (!byPassword) throw new OAuthError('invalid_request', 'username and password are required.');
        return this.startSession(byPassword.id);
      case 'refresh_token': {
        const refreshToken = request.refresh_token || cookieRefreshToken;
        if (!refreshToken) throw new OAuthError('invalid_request', 'refresh_token is required.');
        return this.refresh(refreshToken);
      }
    }
  }

  async startSession(userId: string): Promise<TokenResponse> {
    const refreshToken = newRefreshToken();
    const sessionId = await this.sessions.createSession(userId, hashToken(refreshToken), this.refreshExpiry());
    return this.tokenPair(userId, sessionId, refreshToken);
  }

  async refresh(refreshToken: string): Promise<TokenResponse> {
    const next = newRefreshToken();
    const outcome = await this.sessions.rotate(hashToken(refreshToken), hashToken(next), this.refreshExpiry());
    switch (outcome.kind) {
      case 'rotated':
        return this.tokenPair(outcome.userId, outcome.sessionId, next);
      case 'reused':
        // A spent token came back: someone holds a copy. End the whole session for everyone.
        await this.endSession(outcome.sessionId);
        throw new OAuthError('invalid_grant', 'The refresh token was already used; the session is revoked.');
      case 'invalid':
        throw new OAuthError('invalid_grant', 'The refresh token is invalid, expired or revoked.');
    }
  }

  /** RFC 7009: revokes the session of a refresh or access token; unknown tokens are not an error. */
  async revoke(token: string): Promise<void> {
    const claims = this.readAccessToken(token);
    if (claims) return this.endSession(claims.sid);
    const sessionId = await this.sessions.revokeByRefreshToken(hashToken(token));
    if (sessionId) this.activeSessions.forget(sessionId);
  }

  /** Forgets sessions another transaction revoked, once it has committed (the other processes are notified). */
  forgetSessions(sessionIds: readonly string[]): void {
    for (const sessionId of sessionIds) this.activeSessions.forget(sessionId);
  }

  /** Revoked in the database, then forgotten here before the caller hears of it (the other processes are notified). */
  private async endSession(sessionId: string): Promise<void> {
    await this.sessions.revokeSession(sessionId);
    this.activeSessions.forget(sessionId);
  }

  private readAccessToken(token: string): AccessTokenClaims | undefined {
    if (token.split('.').length !== 3) return undefined;
    try {
      const claims = this.jwt.verify<AccessTokenClaims>(token, { ignoreExpiration: true });
      return isUuid(claims.sid) ? claims : undefined;
    } catch {
      return undefined;
    }
  }

  private tokenPair(userId: string, sessionId: string, refreshToken: string): TokenResponse {
    const claims: AccessTokenClaims = { sub: userId, sid: sessionId };
    return {
      access_token: this.jwt.sign(claims),
      token_type: 'bearer',
      expires_in: this.config.accessTokenTtlSeconds,
      refresh_token: refreshToken,
    };
  }

  private refreshExpiry(): Date {
    return new Date(Date.now() + this.config.refreshTokenTtlSeconds * 1000);
  }
}
