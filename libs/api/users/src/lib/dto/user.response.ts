import { ApiProperty } from '@nestjs/swagger';
import type { CurrentUserProfile, User } from '@taskflow/shared-contracts';

export class UserResponse implements User {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() username!: string;
  @ApiProperty({ format: 'email' }) email!: string;
  @ApiProperty() emailVerified!: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

/** `GET /api/users/me`: the user and their default project (v2). */
export class CurrentUserResponse extends UserResponse implements CurrentUserProfile {
  @ApiProperty({ format: 'uuid', description: 'The private Inbox made with the account.' }) defaultProjectId!: string;
}
