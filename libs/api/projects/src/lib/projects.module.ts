import { Global, Module } from '@nestjs/common';
import { AccessCache } from './access-cache';
import { MembersController } from './members.controller';
import { MembershipsRepository } from './memberships.repository';
import { ProjectAccess } from './project-access';
import { ProjectAccessGuard } from './project-access.guard';
import { ProjectHooks } from './project-hooks';
import { ProjectsController } from './projects.controller';
import { ProjectsRepository } from './projects.repository';
import { ProjectsService } from './projects.service';

/**
 * Projects, members and the one authorization point. Global, so that every feature whose
 * resources live in projects (tasks, comments, activity) asks the same ProjectAccess.
 */
@Global()
@Module({
  controllers: [ProjectsController, MembersController],
  providers: [AccessCache, MembershipsRepository, ProjectAccess, ProjectAccessGuard, ProjectHooks, ProjectsRepository, ProjectsService],
  exports: [ProjectAccess, ProjectAccessGuard, ProjectHooks],
})
export class ProjectsModule {}
