import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { rateLimitConfig, type RateLimitConfig } from '@taskflow/api-config';
import { RateLimiter } from '@taskflow/api-redis';
import type { FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';

const HOUR_SECONDS = 60 * 60;
const MESSAGE = 'Too many password-reset requests; try again later.';

/**
 * Counts every reset request, per client address and per email address, before validation so
 * that invalid ones count too. Both counters move on every request, whichever is full: otherwise a
 * refused request would not count against the other one.
 */
@Injectable()
export class PasswordResetRateLimitGuard implements CanActivate {
  constructor(
    private readonly rateLimiter: RateLimiter,
    @Inject(rateLimitConfig.KEY) private readonly limits: RateLimitConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const keys = [`password-reset:client:${request.ip}`];
    const email = (request.body as { email?: unknown } | undefined)?.email;
    // Hashed: the counter's name in Redis should not be somebody's email address.
    if (typeof email === 'string') keys.push(`password-reset:address:${createHash('sha256').update(email.trim().toLowerCase()).digest('base64url')}`);
    const results = await Promise.allSettled(
      keys.map((key) => this.rateLimiter.consume({ key, limit: this.limits.passwordResetsPerHour, windowSeconds: HOUR_SECONDS }, MESSAGE)),
    );
    const refused = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
    if (refused) throw refused.reason;
    return true;
  }
}
