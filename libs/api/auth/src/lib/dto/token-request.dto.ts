import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Exclude, Expose } from 'class-transformer';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength, ValidateIf } from 'class-validator';

export const GRANT_TYPES = ['password', 'refresh_token'] as const;
export type GrantType = (typeof GRANT_TYPES)[number];

export const MAX_FIELD_LENGTH = 4096;

/**
 * An OAuth2 token request (RFC 6749 §4.3, §6), form or JSON. `@Exclude()` on the class keeps only
 * the exposed fields, so the parameters other clients send (`scope`, `client_id`, `code`, …) are
 * ignored as §3.2 requires instead of being refused by the global whitelist. A failure becomes an
 * OAuth error body, not problem+json (see OAuthValidationInterceptor).
 */
@Exclude()
export class TokenRequestDto {
  @Expose()
  @ApiProperty({ enum: GRANT_TYPES })
  @IsString()
  @IsNotEmpty()
  @IsIn(GRANT_TYPES)
  grant_type!: GrantType;

  @Expose()
  @ApiPropertyOptional({ description: 'With grant_type=password.' })
  @ValidateIf((request: TokenRequestDto) => request.grant_type === 'password')
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_FIELD_LENGTH)
  username?: string;

  @Expose()
  @ApiPropertyOptional({ description: 'With grant_type=password.', format: 'password' })
  @ValidateIf((request: TokenRequestDto) => request.grant_type === 'password')
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_FIELD_LENGTH)
  password?: string;

  @Expose()
  @ApiPropertyOptional({
    description: 'With grant_type=refresh_token; may be left out with `X-Refresh-Cookie: 1`, which reads the `tf_refresh` cookie instead.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_FIELD_LENGTH)
  refresh_token?: string;

  // Documented for Swagger UI's sake; never read.
  @ApiPropertyOptional({ description: 'Accepted and ignored.' })
  scope?: string;
}

/** RFC 7009 revocation. Without `token`, `X-Refresh-Cookie: 1` revokes the cookie's session. */
@Exclude()
export class RevokeRequestDto {
  @Expose()
  @ApiPropertyOptional({ description: 'A refresh token or an access token.' })
  @IsOptional()
  @IsString()
  token?: string;

  @ApiPropertyOptional({ enum: ['refresh_token', 'access_token'], description: 'Accepted and ignored.' })
  token_type_hint?: string;
}
