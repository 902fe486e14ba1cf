import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { InjectConnection, InjectModel } from '@nestjs/mongoose';
import { mongoConfig, type MongoConfig } from '@taskflow/api-config';
import { backoffMs } from '@taskflow/api-core';
import type { Connection, Model } from 'mongoose';
import { ACTIVITY_EVENT_MODEL, type ActivityEventDocument } from './activity-event.schema';

/**
 * How the API talks to MongoDB. The relay retries on its own schedule and the timeline falls back
 * to the outbox, so a command must fail at once when MongoDB is away instead of queueing in
 * Mongoose's buffer (bufferCommands) or waiting 30 s for a server (serverSelectionTimeoutMS).
 */
export function mongoConnectionOptions() {
  return {
    bufferCommands: false,
    serverSelectionTimeoutMS: 2_000,
    connectTimeoutMS: 2_000,
    socketTimeoutMS: 10_000,
    heartbeatFrequencyMS: 5_000,
    // Indexes are created by the supervisor after each (re)connection, not by Mongoose on model
    // creation, which runs once and is lost if MongoDB was away at startup.
    autoIndex: false,
    autoCreate: false,
  };
}

/** 1 s, 2 s, 4 s … capped at 30 s: a restarted MongoDB is found within half a minute. */
export function reconnectDelayMs(failures: number): number {
  return backoffMs(failures, { firstMs: 1_000, maxMs: 30_000, jitter: 'none' });
}

/**
 * Keeps the connection alive without blocking startup. Once connected, the driver itself
 * rediscovers a server that went away; but when the *first* connection fails (MongoDB down
 * while the API starts), Mongoose gives up for good. This retries that first connection with
 * backoff until it succeeds or the app shuts down, and (re)creates the indexes on each connect.
 */
@Injectable()
export class MongoConnectionSupervisor implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('ActivityStore');
  private failures = 0;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    @InjectConnection() private readonly connection: Connection,
    @InjectModel(ACTIVITY_EVENT_MODEL) private readonly model: Model<ActivityEventDocument>,
    @Inject(mongoConfig.KEY) private readonly config: MongoConfig,
  ) {}

  onModuleInit(): void {
    // An 'error' listener also keeps Mongoose from treating connection errors as unhandled.
    this.connection.on('error', (error: Error) => this.logger.warn(`MongoDB connection error: ${error.message}`));
    this.connection.on('disconnected', () => this.logger.warn('MongoDB disconnected; activity events wait in the outbox'));
    this.connection.on('connected', () => this.onConnected());
    if (this.connection.readyState === 1) this.onConnected();
    else this.connection.asPromise().catch(() => this.retryFirstConnection());
  }

  onModuleDestroy(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private onConnected(): void {
    this.failures = 0;
    this.logger.log('MongoDB connected');
    this.model.createIndexes().catch((error: Error) => this.logger.warn(`Could not create activity indexes: ${error.message}`));
  }

  private retryFirstConnection(): void {
    if (this.stopped || !this.config.uri) return;
    this.failures += 1;
    const delay = reconnectDelayMs(this.failures);
    this.logger.warn(`MongoDB unreachable; trying again in ${delay} ms`);
    this.timer = setTimeout(() => {
      if (this.stopped || !this.config.uri) return;
      this.connection.openUri(this.config.uri, mongoConnectionOptions()).catch(() => this.retryFirstConnection());
    }, delay);
    this.timer.unref();
  }
}
