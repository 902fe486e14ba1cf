import { ApiProperty } from '@nestjs/swagger';
import type { User } from '@taskflow/shared-contracts';

export class UserResponse implements User {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() username!: string;
  @ApiProperty({ format: 'email' }) email!: string;
  @ApiProperty() emailVerified!: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}
