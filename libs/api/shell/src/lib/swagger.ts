import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { INPUT_LIMITS_DESCRIPTION } from '@taskflow/api-core';

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
    .addSecurityRequirements('oauth2')
    .addSecurityRequirements('bearer')
    .build();
  const document = SwaggerModule.createDocument(app, config);
  SwaggerModule.setup('docs', app, document, {
    jsonDocumentUrl: 'docs-json',
    swaggerOptions: { persistAuthorization: true },
  });
}
