import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { Strategy } from 'passport-local';
import { CredentialsService } from '../credentials.service';

export interface PasswordGrantUser {
  id: string;
}

/** passport-local for the OAuth2 password grant: the form's `username` and `password` fields. */
@Injectable()
export class LocalStrategy extends PassportStrategy(Strategy, 'local') {
  constructor(private readonly credentials: CredentialsService) {
    super({ usernameField: 'username', passwordField: 'password', session: false });
  }

  async validate(username: string, password: string): Promise<PasswordGrantUser> {
    return { id: await this.credentials.authenticate(username, password) };
  }
}
