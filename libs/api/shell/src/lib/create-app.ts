import { REFRESH_COOKIE_HEADER } from '@taskflow/shared-contracts';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { NestFactory } from '@nestjs/core';
import { appConfig, configuredEnvironment, splitList, type AppConfig } from '@taskflow/api-config';
import {
  addSecurityHeaders,
  assignRequestId,
  closeConnectionsOnShutdown,
  clientErrorHandler,
  createRootLogger,
  createValidationPipe,
  frameworkErrorHandler,
  logRequests,
  NestPinoLogger,
  refuseUnreadableBodies,
  registerBodyParsers,
  securityHeaders,
} from '@taskflow/api-core';
import type { Logger } from 'pino';
import { AppModule } from './app.module';
import { setUpSwagger } from './swagger';

const ONE_MIB = 1024 * 1024;
/** The OAuth routes take forms as RFC 6749 and RFC 7009 require; every other body is JSON. */
const FORM_ROUTES = ['/api/token', '/api/token/revoke'];

/** Builds the configured application without listening, for main.ts and for tests alike. */
export async function createApp(): Promise<NestFastifyApplication> {
  const module = AppModule.register();
  // Needed before the app exists; read like the app reads it, so a value only in .env counts too.
  const trustedProxies = splitList(configuredEnvironment().TRUSTED_PROXIES);
  const headers = securityHeaders({
    // Swagger UI needs inline scripts and styles on /docs; everything else is JSON.
    contentSecurityPolicy: false,
    crossOriginEmbedderPolicy: false,
  });
  let logger: Logger | undefined;
  const log = () => (logger ??= createRootLogger('info'));
  const adapter = new FastifyAdapter({
    bodyLimit: ONE_MIB,
    genReqId: assignRequestId,
    // Only these addresses may speak for the client in X-Forwarded-For; a forged header from anyone else is ignored.
    trustProxy: trustedProxies.length > 0 ? trustedProxies : false,
    return503OnClosing: true,
    // Errors Fastify raises before any route or hook exists go through the filter all the same.
    frameworkErrors: frameworkErrorHandler(headers, log),
    clientErrorHandler: clientErrorHandler(headers, log),
  });
  // Our own body parsers (registerBodyParsers below) instead of Nest's: the same parsing after a raw pre-scan.
  const app = await NestFactory.create<NestFastifyApplication>(module, adapter, { bufferLogs: true, bodyParser: false });
  const config = app.get<AppConfig>(appConfig.KEY);
  logger = createRootLogger(config.logLevel);
  app.useLogger(new NestPinoLogger(logger));

  const fastify = app.getHttpAdapter().getInstance();
  // JSON is parsed plainly (`__proto__` and `constructor` keys stay own properties): the global input check,
  // run before anything reads a body, refuses them as unknown fields by name, where secure-json-parse
  // would answer a nameless "not valid JSON".
  registerBodyParsers(fastify, ONE_MIB);
  addSecurityHeaders(fastify, headers);
  closeConnectionsOnShutdown(fastify);
  app.enableCors({
    origin: config.corsOrigins.length > 0 ? config.corsOrigins : false,
    exposedHeaders: ['ETag', 'Location', 'X-Request-Id', 'Retry-After'],
    allowedHeaders: ['Authorization', 'Content-Type', 'If-Match', 'X-Request-Id', 'Cache-Control', 'Last-Event-ID', REFRESH_COOKIE_HEADER],
    // Cookie mode from a listed origin: the browser sends and accepts tf_refresh only with credentials.
    credentials: true,
  });
  // Set on arrival, so every answer carries it, errors included.
  fastify.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    done();
  });
  logRequests(fastify, logger);
  refuseUnreadableBodies(fastify, FORM_ROUTES);

  app.setGlobalPrefix('api');
  app.useGlobalPipes(createValidationPipe());
  setUpSwagger(app);
  return app;
}
