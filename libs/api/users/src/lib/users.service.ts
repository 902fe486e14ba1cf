import { Inject, Injectable } from '@nestjs/common';
import { appConfig, rateLimitConfig, type AppConfig, type RateLimitConfig } from '@taskflow/api-config';
import { DomainError, ErrorCode, notFound } from '@taskflow/api-core';
import { ProjectAccess } from '@taskflow/api-projects';
import { RateLimiter } from '@taskflow/api-redis';
import { DataSource } from 'typeorm';
import { AccountEmails } from './account-emails';
import type { RegisterUserDto } from './dto/register-user.dto';
import type { CurrentUserResponse, UserResponse } from './dto/user.response';
import { EmailConfirmationTokens } from './email-confirmation.tokens';
import { PasswordHasher } from './password-hasher';
import { toUserResponse } from './user.mapper';
import { UsersRepository } from './users.repository';

@Injectable()
export class UsersService {
  constructor(
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
    private readonly confirmations: EmailConfirmationTokens,
    private readonly emails: AccountEmails,
    private readonly rateLimiter: RateLimiter,
    @Inject(rateLimitConfig.KEY) private readonly limits: RateLimitConfig,
    @Inject(appConfig.KEY) private readonly app: AppConfig,
    private readonly dataSource: DataSource,
    private readonly projects: ProjectAccess,
  ) {}

  async register(input: RegisterUserDto, clientAddress: string): Promise<UserResponse> {
    await this.rateLimiter.consume(
      { key: `register:${clientAddress}`, limit: this.limits.registrationsPerClient, windowSeconds: this.limits.windowSeconds },
      'Too many registrations from this address; try again later.',
    );
    const passwordHash = await this.hasher.hash(input.password);
    // The account and its confirmation email commit together: no account whose email was lost, and
    // no email for an account that does not exist. A failure leaves nothing, so a retry is clean.
    const user = await this.dataSource.transaction(async (db) => {
      const created = await this.users.insert({ username: input.username, email: input.email.trim(), passwordHash }, db);
      const link = `${this.app.webAppUrl}/confirm?token=${encodeURIComponent(this.confirmations.issue(created.id))}`;
      await this.emails.sendConfirmation({ userId: created.id, username: created.username, email: created.email, link }, db);
      return created;
    });
    this.emails.sent();
    return toUserResponse(user);
  }

  async profile(userId: string): Promise<CurrentUserResponse> {
    const user = await this.users.findById(userId);
    // Deleted after the guard let the request in: the session went with the user.
    if (!user) throw new DomainError(ErrorCode.Unauthenticated, 'A valid bearer token is required.');
    // The Inbox is made with the account (a trigger on users, in the same transaction).
    const defaultProjectId = await this.projects.defaultProjectId(userId);
    if (!defaultProjectId) throw new Error(`User ${userId} has no default project`);
    return { ...toUserResponse(user), defaultProjectId };
  }

  async confirmEmail(userId: string, token: string): Promise<void> {
    if (this.confirmations.verify(token) !== userId) {
      throw new DomainError(ErrorCode.InvalidInput, 'The confirmation token is invalid or has expired.', { field: 'token' });
    }
    if (!(await this.users.markEmailVerified(userId))) throw notFound('User');
  }
}
