import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { AuthenticatedUser } from '@taskflow/api-core';
import type { KeyObject } from 'node:crypto';
import { Strategy } from 'passport-jwt';
import { ActiveSessions } from '../active-sessions';
import { SIGNING_KEY } from '../signing-key';
import { isUuid, type AccessTokenClaims } from '../tokens.service';

import { bearerToken } from './bearer-token';

/** passport-jwt: HS256 only, then the session must still be alive (revoking it, or deleting the user, ends it at once). */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    @Inject(SIGNING_KEY) key: KeyObject,
    private readonly sessions: ActiveSessions,
  ) {
    super({
      // The guard reads the token the same way to recognise tokens already verified.
      jwtFromRequest: bearerToken,
      // jsonwebtoken accepts a KeyObject; the typings only list strings and buffers.
      secretOrKey: key as unknown as Buffer,
      algorithms: ['HS256'],
      ignoreExpiration: false,
    });
  }

  async validate(claims: Partial<AccessTokenClaims>): Promise<AuthenticatedUser | false> {
    // Checked before the query: a non-UUID reaching PostgreSQL is a 500 (invalid uuid syntax), not a 401.
    if (!isUuid(claims.sub) || !isUuid(claims.sid)) return false;
    return (await this.sessions.isActive(claims.sub, claims.sid)) ? { id: claims.sub, sessionId: claims.sid } : false;
  }
}
