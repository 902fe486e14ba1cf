import type { INestApplication } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { INPUT_LIMITS_DESCRIPTION, IS_PUBLIC } from '@taskflow/api-core';

/** Either scheme authorizes a protected route: Swagger UI's password form (oauth2) or a pasted token (bearer). */
const PROTECTED = [{ oauth2: [] }, { bearer: [] }];

/** Swagger UI at /docs, the OpenAPI document at /docs-json; "Authorize" runs the password grant against /api/token. */
export function setUpSwagger(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle('TaskFlow API')
    .setDescription(
      'Tasks for people who finish them. Authorize with your username and password (OAuth2 password grant); ' +
        'errors are RFC 9457 problem details except on /api/token, which answers as RFC 6749 says.\n\n' +
        `**Input limits.** ${INPUT_LIMITS_DESCRIPTION}\n\n` +
        '**Encodings.** Bodies are UTF-8 JSON (forms on /api/token and /api/token/revoke), uncompressed: a `Content-Encoding` other than ' +
        '`identity`, a `charset` other than UTF-8 or another media type gets 415. Bodies over 1 MiB get 413. ' +
        '`Authorization` must be exactly `Bearer <JWT>`; anything else, or a JWT whose header names `crit` extensions, gets 401.',
    )
    .setVersion('1')
    .addOAuth2({ type: 'oauth2', flows: { password: { tokenUrl: '/api/token', refreshUrl: '/api/token', scopes: {} } } }, 'oauth2')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, 'bearer')
    .build();
  const document = SwaggerModule.createDocument(app, config);
  secureOperations(document, publicOperationIds(app));
  SwaggerModule.setup('docs', app, document, {
    jsonDocumentUrl: 'docs-json',
    swaggerOptions: { persistAuthorization: true },
  });
}

/**
 * Every operation states its own security, read from the same `@Public()` mark the guard reads:
 * protected ones accept the oauth2 token Swagger UI obtains from the password form as well as a
 * bearer token (naming only `bearer` made UI-authorized calls go out without a token), and public
 * ones carry none, so they show no lock.
 */
function secureOperations(document: OpenAPIObject, publicIds: ReadonlySet<string>): void {
  for (const path of Object.values(document.paths)) {
    for (const operation of Object.values(path)) {
      if (typeof operation !== 'object' || operation === null || !('responses' in operation)) continue;
      operation.security = publicIds.has(operation.operationId ?? '') ? [] : PROTECTED;
      if (operation.parameters) operation.parameters = optionalHeaders(operation.parameters);
    }
  }
}

type Parameters = NonNullable<OpenAPIObject['paths'][string]['get']>['parameters'] & object;

/**
 * A header read with `@Headers('name')` is listed by the explorer as required, beside the
 * `@ApiHeader` that documents it: keep the documented one (headers are case-insensitive) and
 * treat a header nobody documented as optional, since a handler reading a header copes without it.
 */
function optionalHeaders(parameters: Parameters): Parameters {
  const documented = new Set(
    parameters.filter((p) => 'in' in p && p.in === 'header' && p.description).map((p) => ('name' in p ? p.name.toLowerCase() : '')),
  );
  return parameters
    .filter((p) => !('in' in p) || p.in !== 'header' || p.description || !documented.has(p.name.toLowerCase()))
    .map((p) => ('in' in p && p.in === 'header' && !p.description ? { ...p, required: false } : p));
}

/** `Controller_method` for every handler marked `@Public()` (on itself or its controller), as the explorer names operations. */
function publicOperationIds(app: INestApplication): Set<string> {
  const ids = new Set<string>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: never[]) => unknown) | undefined;
      if (!controller?.prototype) continue;
      const controllerPublic = Reflect.getMetadata(IS_PUBLIC, controller) === true;
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        if (name === 'constructor') continue;
        const handler = (controller.prototype as Record<string, unknown>)[name];
        if (typeof handler !== 'function') continue;
        if (controllerPublic || Reflect.getMetadata(IS_PUBLIC, handler) === true) ids.add(`${controller.name}_${name}`);
      }
    }
  }
  return ids;
}
