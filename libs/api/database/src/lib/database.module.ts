import { Global, Logger, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { databaseConfig, type DatabaseConfig } from '@taskflow/api-config';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { DatabaseNotifications } from './database-notifications';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded-postgres';
import { migrations } from './migrations';
import { runMigrations } from './run-migrations';

const logger = new Logger('Database');
let embedded: Promise<EmbeddedPostgres> | undefined;

/** One embedded server per process, however many times the module is built (tests build it often). */
function embeddedServer(dataDir: string): Promise<EmbeddedPostgres> {
  embedded ??= startEmbeddedPostgres(dataDir).then((server) => {
    logger.log(
      `DATABASE_URL is not set: using embedded PostgreSQL (PGlite) with data in ${dataDir}. Set DATABASE_URL=postgres://… to use a PostgreSQL server.`,
    );
    return server;
  });
  return embedded;
}

async function connectionOptions(config: DatabaseConfig) {
  if (config.url) return { url: config.url, poolSize: config.poolSize };
  const server = await embeddedServer(config.dataDir);
  // One connection: the socket server queues protocol messages one at a time, so two connections'
  // Parse/Bind/Execute sequences could interleave on PGlite's single session. PGlite runs one query
  // at a time anyway, so nothing is lost.
  return { url: server.url, poolSize: 1 };
}

/** Global: the data source and its notification channel are the whole app's. */
@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [databaseConfig.KEY],
      useFactory: async (config: DatabaseConfig) => {
        const { url, poolSize } = await connectionOptions(config);
        return {
          type: 'postgres' as const,
          url,
          autoLoadEntities: true,
          synchronize: false,
          migrations,
          migrationsTableName: 'migrations',
          uuidExtension: 'pgcrypto' as const,
          extra: {
            max: poolSize,
            connectionTimeoutMillis: 5_000,
            // A statement stuck for this long is a bug or an outage; fail the request instead of hanging it.
            statement_timeout: 15_000,
            idle_in_transaction_session_timeout: 30_000,
          },
        };
      },
      dataSourceFactory: async (options?: DataSourceOptions) => {
        const dataSource = await new DataSource(options as DataSourceOptions).initialize();
        const applied = await runMigrations(dataSource);
        if (applied.length) logger.log(`Applied migrations: ${applied.join(', ')}`);
        return dataSource;
      },
    }),
  ],
  providers: [DatabaseNotifications],
  exports: [DatabaseNotifications],
})
export class DatabaseModule {}

/** Closes the embedded server, if this process started one (after the pools have closed). */
export async function stopEmbeddedPostgres(): Promise<void> {
  const server = embedded;
  embedded = undefined;
  if (server) await (await server).stop();
}
