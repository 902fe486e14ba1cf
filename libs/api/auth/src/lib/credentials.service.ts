import { Inject, Injectable } from '@nestjs/common';
import { rateLimitConfig, type RateLimitConfig } from '@taskflow/api-config';
import { OAuthError } from '@taskflow/api-core';
import { RateLimiter } from '@taskflow/api-redis';
import { PasswordHasher, UsersRepository } from '@taskflow/api-users';

const INVALID_CREDENTIALS = 'The username or password is incorrect.';

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
  authenticate(username: string, password: string): Promise<string> {
    const lockKey = `login-failures:${username.toLowerCase()}`;
    return this.queues.run(lockKey, () => this.check(lockKey, username, password));
  }

  private async check(lockKey: string, username: string, password: string): Promise<string> {
    const failures = await this.rateLimiter.peek(lockKey);
    if (failures.count >= this.limits.loginFailuresPerUsername) {
      // Locked even for the right password: otherwise the lock would leak which guess was right.
      throw new OAuthError(
        'slow_down',
        'Too many failed logins for this account; try again later.',
        429,
        Math.max(1, failures.resetInSeconds),
      );
    }
    const user = await this.users.findByUsername(username);
    const valid = await this.hasher.verify(user?.passwordHash, password);
    if (!user || !valid) {
      await this.rateLimiter.record(lockKey, this.limits.windowSeconds);
      throw new OAuthError('invalid_grant', INVALID_CREDENTIALS);
    }
    return user.id;
  }
}

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
