import { Controller, Get, Headers, Query, Req, Res } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiProduces, ApiServiceUnavailableResponse, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { CurrentUser, type AuthenticatedUser } from '@taskflow/api-core';
import { LIVE_EVENT_TYPES } from '@taskflow/shared-contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { LiveEventsQueryDto } from './live-events.query';
import { LiveEventsService } from './live-events.service';

@ApiTags('live')
@Controller('events')
export class LiveEventsController {
  constructor(private readonly live: LiveEventsService) {}

  @Get()
  @ApiOperation({
    summary: 'Live updates: a Server-Sent Events stream of every change in the caller’s projects.',
    description:
      `Stays open. Events: ${LIVE_EVENT_TYPES.map((type) => '`' + type + '`').join(', ')}, and \`reset\` when what the client missed ` +
      'cannot be replayed. Every message has an `id:`, and a stream opened without one starts with its position (an `id:` line alone); ' +
      'reconnect with `Last-Event-ID` (or `lastEventId`) to receive what was missed ' +
      '(kept at least 10 minutes). A `: ping` comment every 20 s. The stream ends when the session is revoked or the access token expires.',
  })
  @ApiProduces('text/event-stream')
  @ApiHeader({ name: 'Last-Event-ID', required: false, description: 'The id of the last event received.' })
  @ApiOkResponse({ description: 'The event stream (`text/event-stream`).', content: { 'text/event-stream': { schema: { type: 'string' } } } })
  @ApiUnauthorizedResponse({ description: 'A missing, bad or expired token, before any byte of the stream.' })
  @ApiServiceUnavailableResponse({ description: 'The shared replay log (Redis) is unreachable; retry after `Retry-After` seconds. The rest of the API is unaffected.' })
  async events(
    @CurrentUser() user: AuthenticatedUser,
    @Query() query: LiveEventsQueryDto,
    @Headers('last-event-id') lastEventIdHeader: string | undefined,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.live.open(user, lastEventIdHeader ?? query.lastEventId, request, reply);
  }
}
