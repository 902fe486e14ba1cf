import { Injectable } from '@nestjs/common';
import type { AuthenticatedUser } from '@taskflow/api-core';
import { PasswordHasher, UsersRepository } from '@taskflow/api-users';
import { DataSource } from 'typeorm';
import { CredentialsService } from '../credentials.service';
import { SessionsRepository } from '../sessions.repository';
import { TokensService } from '../tokens.service';

@Injectable()
export class PasswordChangeService {
  constructor(
    private readonly credentials: CredentialsService,
    private readonly hasher: PasswordHasher,
    private readonly users: UsersRepository,
    private readonly sessions: SessionsRepository,
    private readonly tokens: TokensService,
    private readonly dataSource: DataSource,
  ) {}

  /** Sets a new password and ends every session but the caller's: whoever else was signed in is out. */
  async change(caller: AuthenticatedUser, currentPassword: string, newPassword: string): Promise<void> {
    await this.credentials.verifyCurrentPassword(caller.id, currentPassword);
    const passwordHash = await this.hasher.hash(newPassword);
    const revoked = await this.dataSource.transaction(async (db) => {
      await this.users.updatePasswordHash(caller.id, passwordHash, db);
      return this.sessions.revokeAllOfUser(caller.id, caller.sessionId, db);
    });
    this.tokens.forgetSessions(revoked);
  }
}
