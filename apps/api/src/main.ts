import { appConfig, ConfigValidationError, type AppConfig } from '@taskflow/api-config';
import { Logger } from '@nestjs/common';
import { createApp } from '@taskflow/api-shell';

async function bootstrap(): Promise<void> {
  const app = await createApp();
  const { port } = app.get<AppConfig>(appConfig.KEY);
  await app.listen({ port, host: '0.0.0.0' });
  new Logger('TaskFlow').log(`API on http://localhost:${port}/api, Swagger UI on http://localhost:${port}/docs`);
}

bootstrap().catch((error: unknown) => {
  // A configuration mistake is the operator's to fix: one line naming the variable, no stack trace.
  if (error instanceof ConfigValidationError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(`TaskFlow API failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
  process.exit(1);
});
