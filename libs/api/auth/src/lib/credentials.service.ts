import { Inject, Injectable } from '@nestjs/common';
import { rateLimitConfig, type RateLimitConfig } from '@taskflow/api-config';
import { DomainError, ErrorCode, OAuthError } from '@taskflow/api-core';
import { RateLimiter } from '@taskflow/api-redis';
import { PasswordHasher, UsersRepository, type UserEntity } from '@taskflow/api-users';

const INVALID_CREDENTIALS = 'The username or password is incorrect.';
const LOCKED = 'Too many failed logins for this account; try again later.';

/**
 * Checks a username and password, with the per-username lock after repeated failures.
 *
 * The lock reads the counter, verifies, then records a failure. Done concurrently, a burst of
 * guesses all read the same count before any failure is recorded, and each gets a guess (a
 * test saw 9 of 12 parallel guesses through a limit of 3). So attempts for one username run
 * one after another in this process; across API replicas at most one extra guess per replica
 * can slip into the same moment. Only failures are counted: a user who logs in from many
 * places at once is never locked out by their own successes.
 */
@Injectable()
export class CredentialsService {
  private readonly queues = new KeyedQueue();

  constructor(
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
    private readonly rateLimiter: RateLimiter,
    @Inject(rateLimitConfig.KEY) private readonly limits: RateLimitConfig,
  ) {}

  /** The user's id, or an `invalid_grant` that reads the same for an unknown user and a wrong password. */
  async authenticate(username: string, password: string): Promise<string> {
    const outcome = await this.attempt(username, () => this.users.findByUsername(username), password);
    switch (outcome.kind) {
      case 'valid':
        return outcome.userId;
      case 'locked':
        // Locked even for the right password: otherwise the lock would leak which guess was right.
        throw new OAuthError('slow_down', LOCKED, 429, outcome.retryAfterSeconds);
      case 'invalid':
        throw new OAuthError('invalid_grant', INVALID_CREDENTIALS);
    }
  }

  /**
   * For a signed-in user re-entering their password (changing it): the same lock and the same
   * failure count as logins, so a stolen access token cannot be used to guess the password.
   */
  async verifyCurrentPassword(userId: string, password: string): Promise<void> {
    const user = await this.users.findById(userId);
    if (!user) throw new DomainError(ErrorCode.Unauthenticated, 'A valid bearer token is required.');
    const outcome = await this.attempt(user.username, async () => user, password);
    if (outcome.kind === 'locked') {
      throw new DomainError(ErrorCode.RateLimited, LOCKED, { retryAfterSeconds: outcome.retryAfterSeconds });
    }
    if (outcome.kind === 'invalid') {
      throw new DomainError(ErrorCode.InvalidInput, 'The current password is incorrect.', { field: 'currentPassword' });
    }
  }

  /** After a password reset: the owner proved who they are by email, so earlier failures no longer count. */
  clearFailures(username: string): Promise<void> {
    return this.rateLimiter.reset(lockKey(username));
  }

  private attempt(username: string, findUser: () => Promise<UserEntity | null>, password: string): Promise<Attempt> {
    const key = lockKey(username);
    return this.queues.run(key, () => this.check(key, findUser, password));
  }

  private async check(key: string, findUser: () => Promise<UserEntity | null>, password: string): Promise<Attempt> {
    const failures = await this.rateLimiter.peek(key);
    if (failures.count >= this.limits.loginFailuresPerUsername) {
      return { kind: 'locked', retryAfterSeconds: Math.max(1, failures.resetInSeconds) };
    }
    const user = await findUser();
    const valid = await this.hasher.verify(user?.passwordHash, password);
    if (!user || !valid) {
      await this.rateLimiter.record(key, this.limits.windowSeconds);
      return { kind: 'invalid' };
    }
    return { kind: 'valid', userId: user.id };
  }
}

type Attempt = { kind: 'valid'; userId: string } | { kind: 'locked'; retryAfterSeconds: number } | { kind: 'invalid' };

const lockKey = (username: string) => `login-failures:${username.toLowerCase()}`;

/** Runs tasks with the same key one after another; different keys run side by side. */
class KeyedQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const result = (this.tails.get(key) ?? Promise.resolve()).then(task);
    const tail = result.catch(() => undefined);
    this.tails.set(key, tail);
    // The map holds only keys with work pending, so it stays as small as the traffic in flight.
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }
}
