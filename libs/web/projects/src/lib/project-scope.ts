import { Injectable, computed, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { NavigationEnd, Router } from '@angular/router';
import type { Project } from '@taskflow/shared-contracts';
import { filter, map } from 'rxjs';

/** The `project` query parameter: absent or `all` for every project, `mine` for tasks assigned to me, or a project id. */
export const PROJECT_PARAM = 'project';
/** The project's activity feed (in `web-tasks`, framed by the same sidebar). */
export const ACTIVITY_PATH = '/tasks/activity';
export type ProjectSelection = { kind: 'all' } | { kind: 'mine' } | { kind: 'project'; id: string };

export function parseSelection(value: string | null): ProjectSelection {
  if (!value || value === 'all') return { kind: 'all' };
  if (value === 'mine') return { kind: 'mine' };
  return { kind: 'project', id: value };
}

export function selectionParam(selection: ProjectSelection): string | null {
  if (selection.kind === 'project') return selection.id;
  return selection.kind === 'mine' ? 'mine' : null;
}

/**
 * Which project the task screens show. The selection lives in the URL (so reload, back and a
 * shared link restore it); the projects themselves are known once the sidebar has loaded them.
 * No HTTP here: the task pages can use it without loading anything.
 */
@Injectable({ providedIn: 'root' })
export class ProjectScope {
  private readonly router = inject(Router);

  private readonly url = toSignal(
    this.router.events.pipe(
      filter((event) => event instanceof NavigationEnd),
      map(() => this.router.url),
    ),
    { initialValue: this.router.url },
  );

  readonly selection = computed<ProjectSelection>(() => parseSelection(this.router.parseUrl(this.url()).queryParamMap.get(PROJECT_PARAM)), {
    equal: (a, b) => selectionParam(a) === selectionParam(b),
  });
  /** The current path without its query, e.g. `/tasks/board`: the sidebar keeps the view when switching projects. */
  readonly path = computed(() => this.url().split(/[?#]/)[0] || '/');

  /** Set by `ProjectsStore` when `GET /api/projects` answers. */
  readonly projects = signal<readonly Project[]>([]);

  readonly current = computed(() => {
    const selection = this.selection();
    return selection.kind === 'project' ? this.projects().find((project) => project.id === selection.id) : undefined;
  });

  /** A viewer sees no edit controls; until the project is known, the API's 403 still guards writes. */
  readonly canEdit = computed(() => this.current()?.role !== 'viewer');

  /** The caller's role in any of their projects (All tasks mixes them), once the list is loaded. */
  roleIn(projectId: string) {
    return this.projects().find((project) => project.id === projectId)?.role;
  }

  /** Whether the caller may change tasks of `projectId`: not as a viewer. */
  canEditIn(projectId: string): boolean {
    return this.roleIn(projectId) !== 'viewer';
  }

  /** The URL's query parameters (filters live there too, beside `project`). */
  readonly queryParams = computed(() => this.router.parseUrl(this.url()).queryParamMap);

  readonly title = computed(() => {
    const selection = this.selection();
    if (selection.kind === 'all') return 'All tasks';
    if (selection.kind === 'mine') return 'My tasks';
    return this.current()?.name ?? 'Project';
  });

  /** What `GET /api/tasks` adds for this selection. */
  readonly taskParams = computed(() => {
    const selection = this.selection();
    const params: Record<string, string> = {};
    if (selection.kind === 'project') params['projectId'] = selection.id;
    if (selection.kind === 'mine') params['assignee'] = 'me';
    return params;
  });

  /** Where quick add puts a task: the selected project, else the API's default (the Inbox). */
  readonly createProjectId = computed(() => {
    const selection = this.selection();
    return selection.kind === 'project' ? selection.id : undefined;
  });
}
