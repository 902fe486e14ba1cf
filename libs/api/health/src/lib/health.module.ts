import { Global, Module } from '@nestjs/common';
import { HealthRegistry } from '@taskflow/api-core';
import { HealthController } from './health.controller';
import { HealthService } from './health.service';

@Global()
@Module({
  controllers: [HealthController],
  providers: [HealthRegistry, HealthService],
  exports: [HealthRegistry],
})
export class HealthModule {}
