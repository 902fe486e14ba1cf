import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '@taskflow/api-core';
import type { FastifyReply } from 'fastify';
import { HealthService, type Readiness } from './health.service';

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get('live')
  @ApiOkResponse({ description: 'The process is running.' })
  live(): { status: 'up' } {
    return { status: 'up' };
  }

  @Get('ready')
  @ApiOkResponse({
    description:
      'PostgreSQL answers; each dependency (`database`, `cache`, `activityStore`, `queue`) reported as up or down. `queue` is the event outbox\'s backlog: ' +
      '`pending`, `retrying`, `oldestAgeSeconds` and `deadLetters`, summed over its consumers and per consumer under `consumers` (`activity`, `live`); it never makes the API unready.',
  })
  @ApiServiceUnavailableResponse({ description: 'PostgreSQL does not answer.' })
  async ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<Readiness> {
    const readiness = await this.health.readiness();
    reply.status(readiness.status === 'up' ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).header('cache-control', 'no-store');
    return readiness;
  }
}
