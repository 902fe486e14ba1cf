import { httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, linkedSignal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import type { ActivityEvent, ProjectActivityList } from '@taskflow/shared-contracts';
import { ProjectHeaderActions, ProjectMembers, ProjectScope } from '@taskflow/web-projects';
import { EmptyState, InitialsAvatar, describeHttpError, relativeTime } from '@taskflow/web-ui';
import { describeActivity } from './describe-activity';

/** The newest title each task had in these events (created, renamed), so an entry can say which task it was. */
export function titlesOf(events: readonly ActivityEvent[]): Map<string, string> {
  const titles = new Map<string, string>();
  for (const event of events) {
    const title = event.changes['title']?.to;
    if (typeof title === 'string' && !titles.has(event.taskId)) titles.set(event.taskId, title);
  }
  return titles;
}

const VERBS: Record<ActivityEvent['type'], string> = { 'task.created': 'created', 'task.updated': 'changed', 'task.deleted': 'deleted' };

/** `GET /api/projects/:id/activity`: who did what in the selected project, newest first, paged. */
const cursorParams = (cursor: string | null): Record<string, string> => (cursor ? { cursor } : {});

@Component({
  selector: 'tf-project-activity-page',
  imports: [RouterLink, MatButtonModule, MatProgressBarModule, EmptyState, InitialsAvatar, ProjectHeaderActions],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="tf-page-head">
      <h1>Activity · {{ scope.title() }}</h1>
      <div>
        <tf-project-header-actions />
        <a mat-button routerLink="/tasks" queryParamsHandling="preserve">List view</a>
        <a mat-button routerLink="/tasks/board" queryParamsHandling="preserve">Board view</a>
      </div>
    </div>
    @if (!projectId()) {
      <tf-empty-state heading="Choose a project" hint="Activity is kept per project: pick one in the sidebar to see who did what there." />
    } @else {
      <div aria-live="polite">
        @if (page.isLoading() && !cursor()) {
          <mat-progress-bar mode="indeterminate" aria-label="Loading activity" />
        }
      </div>
      @if (page.error()) {
        <p class="tf-activity-error" role="alert">Could not load the activity: {{ errorText() }}</p>
      } @else if (entries().length === 0 && !page.isLoading()) {
        <tf-empty-state heading="Nothing has happened here yet" hint="Tasks added, changed or deleted in this project appear here." />
      } @else {
        <ol class="tf-activity" aria-label="Project activity">
          @for (entry of entries(); track entry.id) {
            <li>
              <tf-initials-avatar [name]="entry.actor" [seed]="entry.actorId" />
              <div class="tf-activity-main">
                <p class="tf-activity-head">
                  <strong>{{ entry.actor }}</strong> {{ entry.verb }} <span class="tf-activity-task">{{ entry.task }}</span>
                  <time [attr.datetime]="entry.at" [title]="entry.exact">{{ entry.ago }}</time>
                </p>
                @if (entry.lines.length) {
                  <ul class="tf-activity-lines">
                    @for (line of entry.lines; track $index) {
                      <li>{{ line }}</li>
                    }
                  </ul>
                }
              </div>
            </li>
          }
        </ol>
        @if (nextCursor()) {
          <button mat-stroked-button type="button" class="tf-activity-more" (click)="loadMore()" [disabled]="page.isLoading()">
            {{ page.isLoading() ? 'Loading…' : 'Show older activity' }}
          </button>
        }
      }
    }
  `,
  styles: `
    :host { display: block; padding: 16px; max-width: 900px; margin: 0 auto; }
    .tf-page-head { display: flex; align-items: center; justify-content: space-between; flex-wrap: wrap; }
    h1 { font: var(--mat-sys-headline-small); margin: 8px 0 16px; }
    .tf-activity { list-style: none; margin: 0; padding: 0; }
    .tf-activity > li { display: flex; gap: 12px; padding: 12px 0; border-bottom: 1px solid var(--mat-sys-outline-variant); }
    .tf-activity-main { flex: 1; min-width: 0; }
    .tf-activity-head { margin: 2px 0 0; overflow-wrap: anywhere; }
    .tf-activity-head time { margin-left: 8px; color: var(--mat-sys-on-surface-variant); font: var(--mat-sys-body-small); }
    .tf-activity-lines { margin: 4px 0 0; padding-left: 18px; color: var(--mat-sys-on-surface-variant); }
    .tf-activity-more { margin-top: 16px; }
    .tf-activity-error { color: var(--mat-sys-error); }
  `,
})
export class ProjectActivityPage {
  protected readonly scope = inject(ProjectScope);
  private readonly directory = inject(ProjectMembers);

  protected readonly projectId = computed(() => this.scope.createProjectId());
  protected readonly cursor = linkedSignal<string | undefined, string | null>({ source: this.projectId, computation: () => null });
  protected readonly page = httpResource<ProjectActivityList>(() => {
    const id = this.projectId();
    if (!id) return undefined;
    return { url: `/api/projects/${encodeURIComponent(id)}/activity`, params: cursorParams(this.cursor()) };
  });
  private readonly events = linkedSignal<{ list: ProjectActivityList | undefined; cursor: string | null }, ActivityEvent[]>({
    source: () => ({ list: this.page.hasValue() ? this.page.value() : undefined, cursor: this.cursor() }),
    computation: (source, previous) => {
      if (!source.list) return previous?.value ?? [];
      if (!source.cursor) return source.list.items;
      const seen = new Set((previous?.value ?? []).map((event) => event.id));
      return [...(previous?.value ?? []), ...source.list.items.filter((event) => !seen.has(event.id))];
    },
  });
  protected readonly nextCursor = computed(() => (this.page.hasValue() ? this.page.value()?.nextCursor : null));
  protected readonly errorText = computed(() => describeHttpError(this.page.error()));

  protected readonly entries = computed(() => {
    const id = this.projectId();
    const events = this.events();
    const titles = titlesOf(events);
    const now = new Date();
    const names = {
      user: (userId: string) => (id ? this.directory.nameOf(id, userId) : undefined),
      project: (projectId: string) => this.scope.projects().find((project) => project.id === projectId)?.name,
    };
    return events.map((event) => {
      const title = titles.get(event.taskId);
      return {
        id: event.id,
        actor: event.actor.username,
        actorId: event.actor.id,
        verb: VERBS[event.type],
        task: title ? `“${title}”` : 'a task',
        // "created" already names the task; its first line would repeat the title.
        lines: event.type === 'task.updated' ? describeActivity(event, names) : [],
        at: event.at,
        exact: new Date(event.at).toLocaleString(),
        ago: relativeTime(event.at, now),
      };
    });
  });

  protected loadMore(): void {
    const next = this.nextCursor();
    if (next) this.cursor.set(next);
  }
}
