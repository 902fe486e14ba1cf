import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Patch, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AddMemberDto, MemberListResponse, MemberResponse, UpdateMemberDto } from './dto/member.dto';
import type { ProjectGrant } from './project-access';
import { Grant, RequireProjectRole } from './project-access.guard';
import { ProjectsService } from './projects.service';
import { UuidParamPipe } from './uuid-param.pipe';

@ApiTags('projects')
@Controller('projects/:id/members')
export class MembersController {
  constructor(private readonly projects: ProjectsService) {}

  @Get()
  @RequireProjectRole('viewer', 'project')
  @ApiOperation({ summary: "The project's members, by username.", description: 'Roles: viewer, editor or owner.' })
  @ApiOkResponse({ type: MemberListResponse })
  async list(@Param('id', UuidParamPipe) _id: string, @Grant() grant: ProjectGrant): Promise<MemberListResponse> {
    return { items: await this.projects.members(grant) };
  }

  @Post()
  @RequireProjectRole('owner', 'project')
  @ApiOperation({ summary: 'Add a member.', description: 'Role: owner. The default project is private: adding to it is 409.' })
  @ApiCreatedResponse({ type: MemberResponse })
  @ApiBadRequestResponse({ description: 'Invalid fields; an unknown username is a field error on `username`.' })
  @ApiConflictResponse({ description: 'Already a member, or the default project.' })
  add(@Param('id', UuidParamPipe) _id: string, @Grant() grant: ProjectGrant, @Body() body: AddMemberDto): Promise<MemberResponse> {
    return this.projects.addMember(grant, body.username, body.role);
  }

  @Patch(':userId')
  @RequireProjectRole('owner', 'project')
  @ApiOperation({ summary: "Change a member's role.", description: 'Role: owner. 409 when no owner would be left.' })
  @ApiOkResponse({ type: MemberResponse })
  @ApiBadRequestResponse({ description: 'Invalid role, or a malformed user id.' })
  @ApiConflictResponse({ description: 'No owner would be left.' })
  change(
    @Param('id', UuidParamPipe) _id: string,
    @Param('userId', new UuidParamPipe('userId')) userId: string,
    @Grant() grant: ProjectGrant,
    @Body() body: UpdateMemberDto,
  ): Promise<MemberResponse> {
    return this.projects.changeRole(grant, userId, body.role);
  }

  @Delete(':userId')
  @HttpCode(HttpStatus.NO_CONTENT)
  @RequireProjectRole('viewer', 'project')
  @ApiOperation({
    summary: 'Remove a member, or leave.',
    description:
      'Role: owner to remove anyone; any member (viewer, editor) may remove themself. Others get 403. 409 when no owner would be left. ' +
      'Tasks assigned to the member in this project become unassigned (a new version and a task.updated event each).',
  })
  @ApiNoContentResponse({ description: 'Removed.' })
  @ApiConflictResponse({ description: 'No owner would be left.' })
  remove(@Param('id', UuidParamPipe) _id: string, @Param('userId', new UuidParamPipe('userId')) userId: string, @Grant() grant: ProjectGrant): Promise<void> {
    return this.projects.removeMember(grant, userId);
  }
}
