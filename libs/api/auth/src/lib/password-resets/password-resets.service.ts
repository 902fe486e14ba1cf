import { Inject, Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { appConfig, type AppConfig } from '@taskflow/api-config';
import { DomainError, ErrorCode } from '@taskflow/api-core';
import { buildPasswordResetEmail, MailQueue } from '@taskflow/api-mail';
import { PasswordHasher, UsersRepository } from '@taskflow/api-users';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { CredentialsService } from '../credentials.service';
import { SessionsRepository } from '../sessions.repository';
import { TokensService } from '../tokens.service';
import { PasswordResetTokensRepository } from './password-reset-tokens.repository';

export const RESET_LINK_MINUTES = 30;
const INVALID_LINK = 'The reset link is invalid, expired or already used.';

/** 256 random bits: a fast hash is enough to store them, as for refresh tokens. */
const hashToken = (token: string) => createHash('sha256').update(token).digest();

@Injectable()
export class PasswordResetsService implements BeforeApplicationShutdown {
  private readonly logger = new Logger('PasswordResets');
  /** Links being prepared after their request was answered, so shutdown can wait for them. */
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
    private readonly resetTokens: PasswordResetTokensRepository,
    private readonly sessions: SessionsRepository,
    private readonly tokens: TokensService,
    private readonly credentials: CredentialsService,
    private readonly mail: MailQueue,
    private readonly dataSource: DataSource,
    @Inject(appConfig.KEY) private readonly app: AppConfig,
  ) {}

  /**
   * Accepts a reset request and prepares the link after answering. The answer is then the same,
   * in body and in time, whether or not the address has an account: nothing that differs between
   * the two cases runs before it.
   */
  request(email: string): void {
    const work = this.sendLink(email).catch((error: unknown) => {
      this.logger.error({ err: error instanceof Error ? { name: error.name, message: error.message } : String(error) }, 'A password-reset link could not be queued');
    });
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work));
  }

  /** Sets the new password, spends every link of the user and ends all of their sessions. */
  async confirm(token: string, password: string): Promise<void> {
    const tokenHash = hashToken(token);
    // Looked up before the (slow) hash so a bad link costs no argon2 work; spent only below, with
    // the password change, so nothing is spent unless the change commits.
    if (!(await this.resetTokens.findUser(tokenHash))) throw invalidLink();
    const passwordHash = await this.hasher.hash(password);
    const { userId, revoked } = await this.dataSource.transaction(async (db) => {
      const owner = await this.resetTokens.spend(tokenHash, db);
      if (!owner) throw invalidLink(); // spent by a concurrent request meanwhile
      await this.users.updatePasswordHash(owner, passwordHash, db);
      return { userId: owner, revoked: await this.sessions.revokeAllOfUser(owner, null, db) };
    });
    this.tokens.forgetSessions(revoked);
    const user = await this.users.findById(userId);
    if (user) await this.credentials.clearFailures(user.username);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.allSettled([...this.inFlight]);
  }

  private async sendLink(email: string): Promise<void> {
    const user = await this.users.findByEmail(email);
    if (!user) return;
    const token = randomBytes(32).toString('base64url');
    const link = `${this.app.webAppUrl}/reset-password?token=${token}`;
    await this.dataSource.transaction(async (db) => {
      await this.resetTokens.insert(user.id, hashToken(token), new Date(Date.now() + RESET_LINK_MINUTES * 60_000), db);
      await this.mail.enqueue(buildPasswordResetEmail({ to: user.email, username: user.username, link, validMinutes: RESET_LINK_MINUTES }), db);
    });
    this.mail.nudge();
  }
}

const invalidLink = () => new DomainError(ErrorCode.InvalidInput, INVALID_LINK, { field: 'token' });
