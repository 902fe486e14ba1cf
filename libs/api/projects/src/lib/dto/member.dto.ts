import { ApiProperty } from '@nestjs/swagger';
import { PROJECT_ROLES, USERNAME_MAX_LENGTH, type AddMemberRequest, type Member, type MemberList, type ProjectRole, type UpdateMemberRequest } from '@taskflow/shared-contracts';
import { IsIn, IsString, Length } from 'class-validator';

export class AddMemberDto implements AddMemberRequest {
  @ApiProperty({ description: 'The username of an existing user (case-insensitive); an unknown one is a 400 on this field.', maxLength: USERNAME_MAX_LENGTH })
  @IsString()
  @Length(1, USERNAME_MAX_LENGTH)
  username!: string;

  @ApiProperty({ enum: PROJECT_ROLES })
  @IsIn(PROJECT_ROLES)
  role!: ProjectRole;
}

export class UpdateMemberDto implements UpdateMemberRequest {
  @ApiProperty({ enum: PROJECT_ROLES })
  @IsIn(PROJECT_ROLES)
  role!: ProjectRole;
}

export class MemberResponse implements Member {
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty() username!: string;
  @ApiProperty({ enum: PROJECT_ROLES }) role!: ProjectRole;
  @ApiProperty({ format: 'date-time' }) addedAt!: string;
}

export class MemberListResponse implements MemberList {
  @ApiProperty({ type: [MemberResponse], description: 'By username (case-insensitive).' }) items!: MemberResponse[];
}
