import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { AppConfigModule } from '@taskflow/api-config';
import { ProblemDetailsFilter } from '@taskflow/api-core';
import { ActivityModule } from '@taskflow/api-activity';
import { AuthModule } from '@taskflow/api-auth';
import { DatabaseModule } from '@taskflow/api-database';
import { EventsModule } from '@taskflow/api-events';
import { HealthModule } from '@taskflow/api-health';
import { LiveModule } from '@taskflow/api-live';
import { MailModule } from '@taskflow/api-mail';
import { ProjectsModule } from '@taskflow/api-projects';
import { CommentsModule } from '@taskflow/api-comments';
import { RedisModule } from '@taskflow/api-redis';
import { TasksModule } from '@taskflow/api-tasks';
import { UsersModule } from '@taskflow/api-users';

/** The whole API. Built per call so that a test can set the environment first. */
@Module({})
export class AppModule {
  static register(): DynamicModule {
    return {
      module: AppModule,
      imports: [
        AppConfigModule.forRoot(),
        DatabaseModule,
        RedisModule,
        EventsModule,
        HealthModule,
        MailModule,
        ProjectsModule,
        UsersModule,
        AuthModule,
        TasksModule,
        CommentsModule,
        ActivityModule.register(),
        LiveModule,
      ],
      providers: [{ provide: APP_FILTER, useClass: ProblemDetailsFilter }],
    };
  }
}
