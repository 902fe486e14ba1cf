import { Logger } from '@nestjs/common';
import { appConfig, ConfigValidationError, type AppConfig } from '@taskflow/api-config';
import { stopEmbeddedPostgres } from '@taskflow/api-database';
import { createApp } from '@taskflow/api-shell';

async function bootstrap(): Promise<void> {
  const app = await createApp();
  const { port, host } = app.get<AppConfig>(appConfig.KEY);
  const logger = new Logger('TaskFlow');

  // Not enableShutdownHooks(): Nest re-raises the signal after closing, so the exit code would be
  // 143. Here close() stops accepting, lets requests in flight finish, runs every shutdown hook
  // (workers stop, pools close), and the process leaves with 0.
  let closing = false;
  const shutdown = async (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    logger.log(`${signal} received: draining requests and closing`);
    try {
      await app.close();
      await stopEmbeddedPostgres();
      process.exit(0);
    } catch (error) {
      logger.error(error, 'Shutdown failed');
      process.exit(1);
    }
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);

  await app.listen({ port, host });
  // URLs that answer (the bare /api prefix has no route of its own).
  const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  logger.log(`API listening on ${host}:${port}: Swagger UI http://${shown}:${port}/docs, readiness http://${shown}:${port}/api/health/ready`);
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
