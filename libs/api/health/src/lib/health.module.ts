import { Global, Module } from '@nestjs/common';
import { HealthRegistry } from '@taskflow/api-core';
import { HealthController } from './health.controller';
import { HealthService } from './health.service';
import { QueueHealth } from './queue-health';

@Global()
@Module({
  controllers: [HealthController],
  providers: [HealthRegistry, HealthService, QueueHealth],
  exports: [HealthRegistry],
})
export class HealthModule {}
