import { Injectable } from '@nestjs/common';
import { ExpiringMap } from '@taskflow/api-core';
import { DatabaseNotifications, type NotificationSubscriber } from '@taskflow/api-database';
import { SessionsRepository } from './sessions.repository';

/** The channel the token_families trigger announces revoked and deleted sessions on. */
export const SESSION_CHANGED_CHANNEL = 'session_changed';
/** A safety net only: a session's end is announced, so a live entry is normally right for its whole life. */
const REMEMBER_MS = 60_000;
const MAX_REMEMBERED = 100_000;

/**
 * Whether an access token's login session is still alive, answered from memory for sessions seen
 * recently. Checking PostgreSQL on every request was most of the cost of a cached read. Correct
 * because a session's end is pushed to every process (NOTIFY from a trigger), and a process that
 * cannot hear those notifications asks the database every time instead.
 *
 * The process that revokes a session forgets it before answering; the other replicas hear of it
 * within the time a NOTIFY takes to arrive (milliseconds on one network).
 */
@Injectable()
export class ActiveSessions implements NotificationSubscriber {
  /** Session id → its user's id. */
  private readonly alive = new ExpiringMap<string, string>(MAX_REMEMBERED);
  /** Bumped by every invalidation, so a lookup that raced one does not store what it read. */
  private invalidations = 0;
  private readonly endedListeners = new Set<(sessionId: string) => void>();
  private readonly missedListeners = new Set<() => void>();

  constructor(
    private readonly sessions: SessionsRepository,
    private readonly notifications: DatabaseNotifications,
  ) {
    notifications.subscribe(SESSION_CHANGED_CHANNEL, this);
  }

  async isActive(userId: string, sessionId: string): Promise<boolean> {
    if (this.alive.get(sessionId) === userId) return true;
    const before = this.invalidations;
    const active = await this.sessions.isActive(userId, sessionId);
    if (active && before === this.invalidations && this.notifications.isListening(SESSION_CHANGED_CHANNEL)) {
      this.alive.set(sessionId, userId, Date.now() + REMEMBER_MS);
    }
    return active;
  }

  /** The session was revoked or its user deleted (here, or announced by another process). */
  forget(sessionId: string): void {
    this.invalidations++;
    this.alive.delete(sessionId);
    for (const listener of this.endedListeners) listener(sessionId);
  }

  notify(sessionId: string): void {
    this.forget(sessionId);
  }

  reset(): void {
    this.invalidations++;
    this.alive.clear();
    for (const listener of this.missedListeners) listener();
  }

  /**
   * For what outlives a request (a live stream): hears every session end this process learns of,
   * at the moment it does. Returns the unsubscribe function.
   */
  onSessionEnded(listener: (sessionId: string) => void): () => void {
    this.endedListeners.add(listener);
    return () => this.endedListeners.delete(listener);
  }

  /** Session ends may have been missed (the notification connection dropped): check with `isActive`. */
  onMissedNotifications(listener: () => void): () => void {
    this.missedListeners.add(listener);
    return () => this.missedListeners.delete(listener);
  }
}
