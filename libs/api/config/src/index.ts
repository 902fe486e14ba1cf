import type { ConfigType } from '@nestjs/config';
import type {
  appConfig,
  authConfig,
  databaseConfig,
  mailConfig,
  mongoConfig,
  rateLimitConfig,
  redisConfig,
} from './lib/config.namespaces';

export * from './lib/app-config.module';
export * from './lib/config.namespaces';
export * from './lib/environment';

export type AppConfig = ConfigType<typeof appConfig>;
export type DatabaseConfig = ConfigType<typeof databaseConfig>;
export type RedisConfig = ConfigType<typeof redisConfig>;
export type MongoConfig = ConfigType<typeof mongoConfig>;
export type AuthConfig = ConfigType<typeof authConfig>;
export type RateLimitConfig = ConfigType<typeof rateLimitConfig>;
export type MailConfig = ConfigType<typeof mailConfig>;
