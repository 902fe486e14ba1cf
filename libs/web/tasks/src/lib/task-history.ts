import { httpResource } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import type { ActivityList } from '@taskflow/shared-contracts';
import { ProjectMembers, ProjectScope } from '@taskflow/web-projects';
import { describeHttpError, relativeTime } from '@taskflow/web-ui';
import { LiveConnection } from '@taskflow/web-live';
import { filter } from 'rxjs';
import { describeActivity } from './describe-activity';

/** A task's history from `GET /api/tasks/:id/activity`, newest first; reloaded when the task changes live. */
@Component({
  selector: 'tf-task-history',
  imports: [MatProgressBarModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (activity.isLoading()) {
      <mat-progress-bar mode="indeterminate" aria-label="Loading history" />
    }
    @if (activity.error()) {
      <p class="tf-history-error" role="alert">Could not load the history: {{ errorText() }}</p>
    } @else if (entries().length === 0 && !activity.isLoading()) {
      <p>No history yet.</p>
    } @else {
      <ol class="tf-history" aria-label="Task history">
        @for (entry of entries(); track entry.id) {
          <li>
            @for (line of entry.lines; track $index) {
              <span class="tf-history-line">{{ line }}</span>
            }
            <time [attr.datetime]="entry.at" [title]="entry.exact">{{ entry.ago }}</time>
          </li>
        }
      </ol>
    }
  `,
  styles: `
    :host { display: block; padding: 8px 0; }
    .tf-history { list-style: none; margin: 0; padding: 0; }
    .tf-history li { padding: 8px 0; border-bottom: 1px solid var(--mat-sys-outline-variant); display: flex; flex-direction: column; gap: 2px; }
    .tf-history-line::first-letter { text-transform: uppercase; }
    time { color: var(--mat-sys-on-surface-variant); font: var(--mat-sys-body-small); }
    .tf-history-error { color: var(--mat-sys-error); }
  `,
})
export class TaskHistory {
  readonly taskId = input.required<string>();
  /** The task's project, to name assignees (its members) and the projects of a move. */
  readonly projectId = input<string>();
  private readonly directory = inject(ProjectMembers);
  private readonly scope = inject(ProjectScope);

  protected readonly activity = httpResource<ActivityList>(() => `/api/tasks/${encodeURIComponent(this.taskId())}/activity`);
  constructor() {
    inject(LiveConnection)
      .on('task.updated', 'reset')
      .pipe(
        filter((event) => event.type === 'reset' || event.data.taskId === this.taskId()),
        takeUntilDestroyed(),
      )
      .subscribe(() => this.activity.reload());
  }

  protected readonly errorText = computed(() => describeHttpError(this.activity.error()));
  protected readonly entries = computed(() => {
    if (!this.activity.hasValue()) {
      return [];
    }
    const now = new Date();
    const projectId = this.projectId();
    const names = {
      user: (userId: string) => (projectId ? this.directory.nameOf(projectId, userId) : undefined),
      project: (id: string) => this.scope.projects().find((project) => project.id === id)?.name,
    };
    return this.activity.value().items.map((event) => ({
      id: event.id,
      at: event.at,
      exact: new Date(event.at).toLocaleString(),
      ago: relativeTime(event.at, now),
      lines: describeActivity(event, names),
    }));
  });
}
