import { httpResource } from '@angular/common/http';
import { Injectable, computed, effect, inject } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import type { CreateProjectRequest, Project, ProjectList } from '@taskflow/shared-contracts';
import { LiveConnection } from '@taskflow/web-live';
import { Observable, tap } from 'rxjs';
import { ProjectScope } from './project-scope';
import { ProjectsApi } from './projects-api';
import { describeProjectError } from './project-errors';

/**
 * The caller's projects (`GET /api/projects`, Inbox first, then by name) and the writes on them.
 * Reloaded when the live stream says a project or its members changed (a rename, a project
 * shared with the caller or taken away, a role changed) or after a `reset`. Provided by the layout.
 */
@Injectable()
export class ProjectsStore {
  private readonly api = inject(ProjectsApi);
  private readonly scope = inject(ProjectScope);

  readonly list = httpResource<ProjectList>(() => '/api/projects');
  readonly projects = computed<readonly Project[]>(() => (this.list.hasValue() ? this.list.value().items : []));
  readonly loading = computed(() => this.list.isLoading());
  readonly error = computed(() => (this.list.error() ? describeProjectError(this.list.error()) : ''));

  constructor() {
    effect(() => this.scope.projects.set(this.projects()));
    inject(LiveConnection)
      .on('project.updated', 'project.deleted', 'member.added', 'member.updated', 'member.removed', 'reset')
      .pipe(takeUntilDestroyed())
      .subscribe(() => this.list.reload());
  }

  create(request: CreateProjectRequest): Observable<Project> {
    return this.api.create(request).pipe(tap(() => this.list.reload()));
  }

  rename(project: Project, name: string): Observable<Project> {
    return this.api.update(project, { name }).pipe(tap(() => this.list.reload()));
  }

  delete(project: Project): Observable<void> {
    return this.api.delete(project.id).pipe(tap(() => this.list.reload()));
  }
}
