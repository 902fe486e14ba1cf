import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { ActiveSessions } from '@taskflow/api-auth';
import { DomainError, ErrorCode, type AuthenticatedUser } from '@taskflow/api-core';
import { ProjectAccess } from '@taskflow/api-projects';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { OutgoingHttpHeaders } from 'node:http';
import { LiveLog } from './log/live-log';
import { isStreamId } from './log/stream-id';
import { LiveHub } from './streams/live-hub';
import { LiveStream } from './streams/live-stream';

/**
 * Opens streams: where each starts, which projects it follows, when it must end. Everything
 * committed after the response headers is carried: the log position is read before the
 * memberships, so a change that lands between the two is replayed, never skipped.
 */
@Injectable()
export class LiveEventsService implements OnModuleDestroy {
  private readonly unsubscribe: (() => void)[];

  constructor(
    private readonly log: LiveLog,
    private readonly hub: LiveHub,
    private readonly access: ProjectAccess,
    private readonly sessions: ActiveSessions,
  ) {
    this.unsubscribe = [
      sessions.onSessionEnded((sessionId) => hub.sessionEnded(sessionId)),
      sessions.onMissedNotifications(() => void this.recheckSessions()),
    ];
  }

  onModuleDestroy(): void {
    for (const unsubscribe of this.unsubscribe) unsubscribe();
  }

  async open(user: AuthenticatedUser, lastEventId: string | undefined, request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const position = await this.log.head().catch(logUnavailable);
    const projects = new Set((await this.access.memberships(user.id)).map((membership) => membership.projectId));
    const resumable = lastEventId !== undefined && isStreamId(lastEventId) && (await this.log.keepsAfter(lastEventId).catch(logUnavailable));

    // From here the response is ours, not Fastify's: its hooks (CORS, request id) have set headers on the reply.
    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, {
      ...(reply.getHeaders() as OutgoingHttpHeaders),
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      'x-accel-buffering': 'no',
      connection: 'keep-alive',
    });
    raw.flushHeaders();
    request.raw.socket.setNoDelay(true);
    const stream = new LiveStream(user.id, user.sessionId, projects, resumable ? lastEventId : position, raw, this.hub, tokenExpiry(request));
    if (lastEventId === undefined) stream.announcePosition();
    else if (!resumable) stream.reset(position);
    await this.hub.open(stream);
  }

  /** Notifications were missed: each session with an open stream is asked of the database again. */
  private async recheckSessions(): Promise<void> {
    for (const { userId, sessionId } of this.hub.sessions()) {
      const alive = await this.sessions.isActive(userId, sessionId).catch(() => true);
      if (!alive) this.hub.sessionEnded(sessionId);
    }
  }
}

/**
 * The replay log (Redis) cannot be read: no stream can promise to carry everything, so none opens.
 * A 503 with Retry-After, which the client's reconnect backoff honours; the rest of the API is unaffected.
 */
function logUnavailable(): never {
  throw new DomainError(ErrorCode.Unavailable, 'Live updates are unavailable for a moment; retry shortly.', { retryAfterSeconds: 5 });
}

/** The verified access token's `exp`, in ms; the guard has checked the token already. */
function tokenExpiry(request: FastifyRequest): number {
  const token = /^Bearer +(\S+)/i.exec(request.headers.authorization ?? '')?.[1] ?? '';
  try {
    const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { exp?: unknown };
    if (typeof claims.exp === 'number') return claims.exp * 1000;
  } catch {
    // Falls through: a token without exp does not get here (passport-jwt requires a valid one).
  }
  return Date.now();
}
