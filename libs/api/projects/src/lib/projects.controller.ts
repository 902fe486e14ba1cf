import { Body, Controller, Delete, Get, Headers, HttpCode, HttpStatus, Param, Patch, Post, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiHeader,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPreconditionFailedResponse,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentUser, etag, parseIfMatch, type AuthenticatedUser } from '@taskflow/api-core';
import type { FastifyReply } from 'fastify';
import { CreateProjectDto, ProjectListResponse, ProjectResponse, UpdateProjectDto } from './dto/project.dto';

import type { ProjectGrant } from './project-access';
import { Grant, RequireProjectRole } from './project-access.guard';
import { ROLE_RULES } from './project-roles';
import { ProjectsService } from './projects.service';
import { UuidParamPipe } from './uuid-param.pipe';

@ApiTags('projects')
@Controller('projects')
export class ProjectsController {
  constructor(private readonly projects: ProjectsService) {}

  @Get()
  @ApiOperation({ summary: 'Every project you are a member of.', description: `Any role. The default project first, then by name. Roles: ${ROLE_RULES}` })
  @ApiOkResponse({ type: ProjectListResponse })
  async list(@CurrentUser() user: AuthenticatedUser): Promise<ProjectListResponse> {
    return { items: await this.projects.list(user.id) };
  }

  @Post()
  @ApiOperation({ summary: 'Create a project.', description: 'Any signed-in user; the caller becomes its owner.' })
  @ApiCreatedResponse({ type: ProjectResponse, description: 'Created; `Location` names it and `ETag` is W/"1".' })
  @ApiBadRequestResponse({ description: 'Invalid or unknown fields.' })
  async create(@CurrentUser() user: AuthenticatedUser, @Body() body: CreateProjectDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<ProjectResponse> {
    const project = await this.projects.create(user.id, body);
    reply.header('location', `/api/projects/${project.id}`).header('etag', etag(project.version));
    return project;
  }

  @Get(':id')
  @RequireProjectRole('viewer', 'project')
  @ApiOperation({ summary: 'One project.', description: 'Roles: viewer, editor or owner. Non-members get 404, as for a missing project.' })
  @ApiOkResponse({ type: ProjectResponse, description: '`ETag` carries the version.' })
  async get(@Param('id', UuidParamPipe) _id: string, @Grant() grant: ProjectGrant, @Res({ passthrough: true }) reply: FastifyReply): Promise<ProjectResponse> {
    const project = await this.projects.get(grant);
    reply.header('etag', etag(project.version));
    return project;
  }

  @Patch(':id')
  @RequireProjectRole('owner', 'project')
  @ApiOperation({ summary: 'Rename or describe a project.', description: 'Role: owner (editors and viewers get 403). The default project can be renamed.' })
  @ApiHeader({ name: 'If-Match', required: false, description: 'The ETag last seen; 412 when the project has a newer version.' })
  @ApiOkResponse({ type: ProjectResponse, description: 'The project after the change; `ETag` carries the new version.' })
  @ApiBadRequestResponse({ description: 'Invalid or unknown fields, or a malformed If-Match.' })
  @ApiPreconditionFailedResponse({ description: 'If-Match names an older version.' })
  async update(
    @Param('id', UuidParamPipe) _id: string,
    @Grant() grant: ProjectGrant,
    @Body() body: UpdateProjectDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ProjectResponse> {
    const project = await this.projects.update(grant, body, parseIfMatch(ifMatch));
    reply.header('etag', etag(project.version));
    return project;
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @RequireProjectRole('owner', 'project')
  @ApiOperation({ summary: 'Delete a project, its tasks and their comments.', description: 'Role: owner. The default project cannot be deleted (409).' })
  @ApiNoContentResponse({ description: 'Deleted.' })
  @ApiConflictResponse({ description: 'The default project.' })
  remove(@Param('id', UuidParamPipe) _id: string, @Grant() grant: ProjectGrant): Promise<void> {
    return this.projects.remove(grant);
  }
}
