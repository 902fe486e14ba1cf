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
import { validateEnvironment, type EnvironmentVariables } from './environment';

const ENV_FILE = '.env';

/** Validated configuration for the whole app. A method, so the environment is read when the app is built. */
@Module({})
export class AppConfigModule {
  static forRoot(): DynamicModule {
    // Validated here, synchronously, so a bad variable rejects createApp() at once. ConfigModule.forRoot
    // is async in @nestjs/config 4: its rejection sat inside `imports` while modules waiting for
    // ConfigModule.envVariablesLoaded waited forever, and the built API exited 0 without a word.
    configuredEnvironment();
    return {
      module: AppConfigModule,
      imports: [
        ConfigModule.forRoot({
          isGlobal: true,
          ignoreEnvFile: ignoresEnvFile(),
          envFilePath: ENV_FILE,
          validate: validateEnvironment,
          load: [appConfig, databaseConfig, redisConfig, mongoConfig, authConfig, rateLimitConfig, mailConfig],
        }),
      ],
    };
  }
}

/**
 * The environment as the app will see it, validated: the same merge as ConfigModule (the process
 * environment wins over `.env`). For what must be known before the Nest app exists, such as the
 * HTTP adapter's trusted proxies.
 */
export function configuredEnvironment(): EnvironmentVariables {
  return validateEnvironment({ ...(ignoresEnvFile() ? {} : readEnvFile(ENV_FILE)), ...process.env });
}

const ignoresEnvFile = () => process.env['NODE_ENV'] === 'test';

function readEnvFile(path: string): Record<string, string | undefined> {
  return existsSync(path) ? parseEnv(readFileSync(path, 'utf8')) : {};
}
