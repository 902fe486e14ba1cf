import { ApiProperty } from '@nestjs/swagger';
import type { TokenResponse } from '@taskflow/shared-contracts';

export class TokenResponseDoc implements TokenResponse {
  @ApiProperty() access_token!: string;
  @ApiProperty({ enum: ['bearer'] }) token_type!: 'bearer';
  @ApiProperty({ description: 'Seconds until the access token expires.' }) expires_in!: number;
  @ApiProperty({ description: 'Single use: each refresh returns a new one.' }) refresh_token!: string;
}
