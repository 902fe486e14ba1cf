import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { databaseConfig, type DatabaseConfig } from '@taskflow/api-config';
import { backoffMs } from '@taskflow/api-core';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { DataSource } from 'typeorm';

/** Receives a channel's NOTIFY payloads. */
export interface NotificationSubscriber {
  notify(payload: string): void;
  /** Notifications may have been missed (the connection dropped): forget whatever they would have corrected. */
  reset(): void;
}

/** How the listening connection names itself in pg_stat_activity. */
export const NOTIFICATIONS_APPLICATION_NAME = 'taskflow-notifications';
const RECONNECT = { firstMs: 500, maxMs: 15_000, jitter: 'none' } as const;
const PROBE_TIMEOUT_MS = 2_000;

/**
 * One dedicated connection that LISTENs for the channels subscribed to, outside the query pool.
 * It reconnects by itself; while it is down, `isListening` is false and subscribers are reset, so
 * nothing relies on a notification that could not arrive. A channel counts as listened to only
 * once a probe NOTIFY sent through the query pool has come back on it: a successful LISTEN alone
 * proves nothing (PGlite's socket, for one, accepts it and never delivers). Without DATABASE_URL
 * (the embedded default) it does not try: the one process there sees every change itself.
 */
@Injectable()
export class DatabaseNotifications implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('DatabaseNotifications');
  private readonly subscribers = new Map<string, Set<NotificationSubscriber>>();
  private readonly listening = new Set<string>();
  private client: pg.Client | undefined;
  /** Failed connection attempts in a row. */
  private failures = 0;
  private retryTimer: NodeJS.Timeout | undefined;
  private stopped = false;
  private readonly probes = new Map<string, (arrived: boolean) => void>();
  private warnedUndelivered = false;

  constructor(
    @Inject(databaseConfig.KEY) private readonly config: DatabaseConfig,
    private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    void this.connect();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  /** True once a LISTEN on the channel is in place on a live connection. */
  isListening(channel: string): boolean {
    return this.listening.has(channel);
  }

  subscribe(channel: string, subscriber: NotificationSubscriber): void {
    const set = this.subscribers.get(channel) ?? new Set();
    set.add(subscriber);
    this.subscribers.set(channel, set);
    if (this.client && !this.listening.has(channel)) void this.listen(this.client, channel);
  }

  private async connect(): Promise<void> {
    if (!this.config.url || this.stopped) return;
    const client = new pg.Client({
      connectionString: this.config.url,
      keepAlive: true,
      connectionTimeoutMillis: 5_000,
      application_name: NOTIFICATIONS_APPLICATION_NAME,
    });
    client.on('notification', ({ channel, payload }) => {
      const probe = this.probes.get(payload ?? '');
      if (probe) return probe(true);
      for (const subscriber of this.subscribers.get(channel) ?? []) subscriber.notify(payload ?? '');
    });
    client.on('error', () => this.dropped(client));
    client.on('end', () => this.dropped(client));
    try {
      await client.connect();
      if (this.stopped) return void (await client.end());
      this.client = client;
      for (const channel of this.subscribers.keys()) await this.listen(client, channel);
      if (this.client !== client) return;
      if (this.failures > 0) this.logger.log('Listening for database notifications again.');
      this.failures = 0;
    } catch {
      this.dropped(client);
    }
  }

  private async listen(client: pg.Client, channel: string): Promise<void> {
    try {
      await client.query(`LISTEN ${client.escapeIdentifier(channel)}`);
      if (!(await this.probe(channel))) {
        if (!this.warnedUndelivered) this.logger.warn(`NOTIFY on ${channel} is not delivered here; falling back to reading the database.`);
        this.warnedUndelivered = true;
        return this.dropped(client);
      }
      if (this.client === client) this.listening.add(channel);
    } catch {
      this.dropped(client);
    }
  }

  /** Sends a NOTIFY from another connection and waits for it to arrive on the listening one. */
  private async probe(channel: string): Promise<boolean> {
    const token = `probe:${randomUUID()}`;
    const arrived = new Promise<boolean>((resolve) => {
      this.probes.set(token, resolve);
      setTimeout(() => resolve(false), PROBE_TIMEOUT_MS).unref();
    });
    try {
      await this.dataSource.query('SELECT pg_notify($1, $2)', [channel, token]);
      return await arrived;
    } finally {
      this.probes.delete(token);
    }
  }

  private dropped(client: pg.Client): void {
    if (this.client && this.client !== client) return;
    const wasListening = this.listening.size > 0;
    this.client = undefined;
    this.listening.clear();
    for (const set of this.subscribers.values()) for (const subscriber of set) subscriber.reset();
    client.removeAllListeners('end');
    client.on('error', () => undefined);
    void client.end().catch(() => undefined);
    if (this.stopped || this.retryTimer) return;
    if (wasListening) this.logger.warn('Lost the database notification connection; reconnecting.');
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      void this.connect();
    }, backoffMs(++this.failures, RECONNECT));
    this.retryTimer.unref();
  }
}
