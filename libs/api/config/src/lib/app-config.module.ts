import { Module, type DynamicModule } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { existsSync, readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import {
  appConfig,
  authConfig,
  databaseConfig,
  mailConfig,
  mongoConfig,
  rateLimitConfig,
  redisConfig,
} from './config.namespaces';
import { validateEnvironment } from './environment';

const ENV_FILE = '.env';

/** Validated configuration for the whole app. A method, so the environment is read when the app is built. */
@Module({})
export class AppConfigModule {
  static forRoot(): DynamicModule {
    const ignoreEnvFile = process.env['NODE_ENV'] === 'test';
    // Validated here, synchronously, so a bad variable rejects createApp() at once. ConfigModule.forRoot
    // is async in @nestjs/config 4: its rejection sat inside `imports` while modules waiting for
    // ConfigModule.envVariablesLoaded waited forever, and the built API exited 0 without a word.
    // Same merge as ConfigModule: the process environment wins over the .env file.
    validateEnvironment({ ...(ignoreEnvFile ? {} : readEnvFile(ENV_FILE)), ...process.env });
    return {
      module: AppConfigModule,
      imports: [
        ConfigModule.forRoot({
          isGlobal: true,
          ignoreEnvFile,
          envFilePath: ENV_FILE,
          validate: validateEnvironment,
          load: [appConfig, databaseConfig, redisConfig, mongoConfig, authConfig, rateLimitConfig, mailConfig],
        }),
      ],
    };
  }
}

function readEnvFile(path: string): Record<string, string | undefined> {
  return existsSync(path) ? parseEnv(readFileSync(path, 'utf8')) : {};
}
