import { Module, type DynamicModule } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
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

/** Validated configuration for the whole app. A method, so the environment is read when the app is built. */
@Module({})
export class AppConfigModule {
  static forRoot(): DynamicModule {
    return {
      module: AppConfigModule,
      imports: [
        ConfigModule.forRoot({
          isGlobal: true,
          ignoreEnvFile: process.env['NODE_ENV'] === 'test',
          envFilePath: '.env',
          validate: validateEnvironment,
          load: [appConfig, databaseConfig, redisConfig, mongoConfig, authConfig, rateLimitConfig, mailConfig],
        }),
      ],
    };
  }
}
