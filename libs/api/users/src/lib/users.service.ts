import { Inject, Injectable } from '@nestjs/common';
import { appConfig, rateLimitConfig, type AppConfig, type RateLimitConfig } from '@taskflow/api-config';
import { DomainError, ErrorCode, notFound } from '@taskflow/api-core';
import { ProjectAccess } from '@taskflow/api-projects';
import { RateLimiter } from '@taskflow/api-redis';
import { DataSource } from 'typeorm';
import { AccountEmails, type ConfirmationEmail } from './account-emails';
import type { RegisterUserDto } from './dto/register-user.dto';
import type { CurrentUserResponse, UserResponse } from './dto/user.response';
import { EmailConfirmationTokens } from './email-confirmation.tokens';
import { PasswordHasher } from './password-hasher';
import type { UserEntity } from './user.entity';
import { toUserResponse } from './user.mapper';
import { UsersRepository } from './users.repository';

const HOUR_SECONDS = 60 * 60;

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
      await this.emails.sendConfirmation(this.confirmationEmail(created), db);
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

  /** Queues a new confirmation email; counted per user, so a script cannot make us spam an inbox. */
  async resendConfirmation(userId: string): Promise<void> {
    await this.rateLimiter.consume(
      { key: `confirmation-email:${userId}`, limit: this.limits.confirmationEmailsPerHour, windowSeconds: HOUR_SECONDS },
      'Too many confirmation emails asked for; try again later.',
    );
    const user = await this.users.findById(userId);
    if (!user) throw new DomainError(ErrorCode.Unauthenticated, 'A valid bearer token is required.');
    if (user.emailVerified) throw new DomainError(ErrorCode.Conflict, 'The email address is already confirmed.');
    await this.emails.sendConfirmation(this.confirmationEmail(user));
  }

  async confirmEmail(userId: string, token: string): Promise<void> {
    if (this.confirmations.verify(token) !== userId) {
      throw new DomainError(ErrorCode.InvalidInput, 'The confirmation token is invalid or has expired.', { field: 'token' });
    }
    if (!(await this.users.markEmailVerified(userId))) throw notFound('User');
  }

  private confirmationEmail(user: UserEntity): ConfirmationEmail {
    const link = `${this.app.webAppUrl}/confirm?token=${encodeURIComponent(this.confirmations.issue(user.id))}`;
    return { userId: user.id, username: user.username, email: user.email, link };
  }
}
