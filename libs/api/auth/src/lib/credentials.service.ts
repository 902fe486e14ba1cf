import { Inject, Injectable } from '@nestjs/common';
import { rateLimitConfig, type RateLimitConfig } from '@taskflow/api-config';
import { OAuthError } from '@taskflow/api-core';
import { RateLimiter } from '@taskflow/api-redis';
import { PasswordHasher, UsersRepository } from '@taskflow/api-users';

const INVALID_CREDENTIALS = 'The username or password is incorrect.';

/** Checks a username and password, with the per-username lock after repeated failures. */
@Injectable()
export class CredentialsService {
  constructor(
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
    private readonly rateLimiter: RateLimiter,
    @Inject(rateLimitConfig.KEY) private readonly limits: RateLimitConfig,
  ) {}

  /** The user's id, or an `invalid_grant` that reads the same for an unknown user and a wrong password. */
  async authenticate(username: string, password: string): Promise<string> {
    const lockKey = `login-failures:${username.toLowerCase()}`;
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
