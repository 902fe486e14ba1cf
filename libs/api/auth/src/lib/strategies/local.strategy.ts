import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { OAuthError } from '@taskflow/api-core';
import { Strategy } from 'passport-local';
import { CredentialsService } from '../credentials.service';
import { MAX_FIELD_LENGTH } from '../dto/token-request.dto';

/** Who the password grant authenticated; `request.user` on `/api/token` once the guard has passed. */
export interface PasswordGrantUser {
  id: string;
}

/**
 * passport-local for the OAuth2 password grant (RFC 6749 §4.3): the body's `username` and
 * `password`. Guards run before pipes, so the two are checked for shape here; the DTO checks the
 * rest of the request afterwards. A wrong password and an unknown user fail alike (invalid_grant).
 */
@Injectable()
export class LocalStrategy extends PassportStrategy(Strategy, 'local') {
  constructor(private readonly credentials: CredentialsService) {
    super({ usernameField: 'username', passwordField: 'password', session: false });
  }

  async validate(username: unknown, password: unknown): Promise<PasswordGrantUser> {
    if (!isField(username) || !isField(password)) {
      throw new OAuthError('invalid_request', `username and password must be strings of at most ${MAX_FIELD_LENGTH} characters.`);
    }
    return { id: await this.credentials.authenticate(username, password) };
  }
}

const isField = (value: unknown): value is string => typeof value === 'string' && value.length > 0 && value.length <= MAX_FIELD_LENGTH;
