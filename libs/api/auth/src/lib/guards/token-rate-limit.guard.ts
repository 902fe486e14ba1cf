import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { rateLimitConfig, type RateLimitConfig } from '@taskflow/api-config';
import { DomainError, OAuthError } from '@taskflow/api-core';
import { RateLimiter } from '@taskflow/api-redis';
import type { FastifyRequest } from 'fastify';

/** Every token request counts against the client address (the socket's, or a trusted proxy's X-Forwarded-For). */
@Injectable()
export class TokenRateLimitGuard implements CanActivate {
  constructor(
    private readonly rateLimiter: RateLimiter,
    @Inject(rateLimitConfig.KEY) private readonly limits: RateLimitConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    try {
      await this.rateLimiter.consume({
        key: `token:${request.ip}`,
        limit: this.limits.tokenRequestsPerClient,
        windowSeconds: this.limits.windowSeconds,
      });
    } catch (error) {
      if (error instanceof DomainError) {
        throw new OAuthError('slow_down', 'Too many token requests from this address; try again later.', 429, error.details.retryAfterSeconds);
      }
      throw error;
    }
    return true;
  }
}
