import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { AuthenticatedUser } from '@taskflow/api-core';
import type { KeyObject } from 'node:crypto';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { SessionsRepository } from '../sessions.repository';
import { SIGNING_KEY } from '../signing-key';
import { isUuid, type AccessTokenClaims } from '../tokens.service';

/** passport-jwt: HS256 only, then the user and the session must still exist (revocation is immediate). */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    @Inject(SIGNING_KEY) key: KeyObject,
    private readonly sessions: SessionsRepository,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // jsonwebtoken accepts a KeyObject; the typings only list strings and buffers.
      secretOrKey: key as unknown as Buffer,
      algorithms: ['HS256'],
      ignoreExpiration: false,
    });
  }

  async validate(claims: Partial<AccessTokenClaims>): Promise<AuthenticatedUser | false> {
    // Checked before the query: a non-UUID reaching PostgreSQL is a 500 (invalid uuid syntax), not a 401.
    if (!isUuid(claims.sub) || !isUuid(claims.sid)) return false;
    return (await this.sessions.findActiveUser(claims.sub, claims.sid)) ?? false;
  }
}
