import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** Documents the token request for Swagger; the body itself is read by `parseTokenRequest`. */
export class TokenRequestDoc {
  @ApiProperty({ enum: ['password', 'refresh_token'] })
  grant_type!: string;

  @ApiPropertyOptional({ description: 'With grant_type=password.' })
  username?: string;

  @ApiPropertyOptional({ description: 'With grant_type=password.', format: 'password' })
  password?: string;

  @ApiPropertyOptional({ description: 'With grant_type=refresh_token.' })
  refresh_token?: string;

  @ApiPropertyOptional({ description: 'Accepted and ignored.' })
  scope?: string;
}

export class RevokeRequestDoc {
  @ApiProperty({ description: 'A refresh token or an access token.' })
  token!: string;

  @ApiPropertyOptional({ enum: ['refresh_token', 'access_token'], description: 'Accepted and ignored.' })
  token_type_hint?: string;
}
