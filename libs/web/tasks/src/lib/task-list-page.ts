import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSnackBar } from '@angular/material/snack-bar';
import { RouterLink } from '@angular/router';
import { Task, TASK_TITLE_MAX_LENGTH } from '@taskflow/shared-contracts';
import { EmptyState, describeHttpError, openConfirmDialog } from '@taskflow/web-ui';
import { TaskFiltersBar } from './task-filters';
import { TaskListStore } from './task-list.store';
import { hasActiveFilters } from './task-query';
import { TaskRow } from './task-row';
import { openTaskDialog } from './task-dialog';

@Component({
  selector: 'tf-task-list-page',
  imports: [
    RouterLink,
    MatFormFieldModule,
    MatInputModule,
    MatButtonModule,
    MatProgressBarModule,
    TaskFiltersBar,
    TaskRow,
    EmptyState,
  ],
  providers: [TaskListStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="tf-page-head">
      <h1>My tasks</h1>
      <a mat-button routerLink="/tasks/board">Board view</a>
    </div>
    <form class="tf-quick-add" (submit)="$event.preventDefault(); add()">
      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>Add a task</mat-label>
        <input
          matInput
          name="title"
          [value]="newTitle()"
          (input)="newTitle.set($any($event.target).value)"
          [attr.maxlength]="titleMax"
          placeholder="Type a title and press Enter"
          [readOnly]="adding()"
        />
      </mat-form-field>
      <button mat-flat-button type="submit" [disabled]="adding() || !newTitle().trim()">Add</button>
    </form>

    <button
      mat-stroked-button
      type="button"
      class="tf-filters-toggle"
      (click)="showFilters.set(!showFilters())"
      [attr.aria-expanded]="showFilters()"
      aria-controls="task-filters"
    >
      {{ showFilters() ? 'Hide filters' : filtered() ? 'Filters (on)' : 'Filters' }}
    </button>
    <tf-task-filters
      id="task-filters"
      [class.tf-open]="showFilters()"
      [filters]="store.filters()"
      (changed)="store.setFilters($event)"
      (cleared)="store.resetFilters()"
    />

    <div class="tf-list-status" aria-live="polite">
      @if (store.loading() && !store.loadingMore()) {
        <mat-progress-bar mode="indeterminate" aria-label="Loading tasks" />
      } @else if (!store.error()) {
        <p class="tf-count">{{ store.total() }} {{ store.total() === 1 ? 'task' : 'tasks' }}</p>
      }
    </div>

    @if (store.error()) {
      <div class="tf-error" role="alert">
        <p>Could not load your tasks: {{ store.error() }}</p>
        <button mat-stroked-button type="button" (click)="store.refresh()">Try again</button>
      </div>
    } @else if (store.items().length === 0 && !store.loading()) {
      @if (filtered()) {
        <tf-empty-state heading="No task matches these filters" hint="Change or clear the filters to see more." />
      } @else {
        <tf-empty-state heading="No tasks yet" hint="Type a title in “Add a task” above and press Enter." />
      }
    } @else {
      <ul class="tf-task-list" aria-label="Tasks">
        @for (task of store.items(); track task.id) {
          <li>
            <tf-task-row [task]="task" (toggleDone)="toggleDone($event)" (open)="edit($event)" (remove)="remove($event)" />
          </li>
        }
      </ul>
      @if (store.nextCursor() || store.loadingMore()) {
        <div class="tf-more">
          <button mat-stroked-button type="button" (click)="store.loadMore()" [disabled]="store.loadingMore()">
            {{ store.loadingMore() ? 'Loading…' : 'Load more' }}
          </button>
        </div>
      }
    }
  `,
  styles: `
    :host { display: block; max-width: 960px; margin: 0 auto; padding: 16px; }
    .tf-page-head { display: flex; align-items: center; justify-content: space-between; gap: 12px; }
    h1 { font: var(--mat-sys-headline-small); margin: 8px 0 16px; }
    .tf-quick-add { display: flex; gap: 8px; align-items: center; margin-bottom: 16px; }
    .tf-quick-add mat-form-field { flex: 1; }
    .tf-filters-toggle { display: none; }
    @media (max-width: 599px) {
      .tf-filters-toggle { display: inline-flex; margin-bottom: 8px; }
      tf-task-filters:not(.tf-open) { display: none; }
    }
    .tf-list-status { min-height: 36px; display: flex; align-items: center; }
    .tf-count { margin: 8px 0; color: var(--mat-sys-on-surface-variant); }
    .tf-task-list { list-style: none; margin: 0; padding: 0; }
    .tf-more { display: flex; justify-content: center; padding: 16px; }
    .tf-error { padding: 16px; border-radius: 12px; background: var(--mat-sys-error-container); color: var(--mat-sys-on-error-container); }
  `,
})
export class TaskListPage {
  protected readonly store = inject(TaskListStore);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);

  protected readonly titleMax = TASK_TITLE_MAX_LENGTH;
  protected readonly newTitle = signal('');
  protected readonly adding = signal(false);
  protected readonly showFilters = signal(false);
  protected readonly filtered = computed(() => hasActiveFilters(this.store.filters()));

  protected add(): void {
    const title = this.newTitle().trim();
    if (!title || this.adding()) {
      return;
    }
    this.adding.set(true);
    this.store.create({ title }).subscribe({
      next: () => {
        this.newTitle.set('');
        this.adding.set(false);
        this.snackBar.open(`Added “${title}”.`, undefined, { duration: 3000 });
      },
      error: (error: unknown) => {
        this.adding.set(false);
        this.snackBar.open(`Could not add the task: ${describeHttpError(error)}`, 'OK', { duration: 8000 });
      },
    });
  }

  protected toggleDone(task: Task): void {
    this.store.update(task, { status: task.status === 'done' ? 'todo' : 'done' });
  }

  protected edit(task: Task): void {
    openTaskDialog(this.dialog, task).subscribe((result) => {
      if (result === 'deleted') {
        this.store.refresh();
      } else if (result) {
        this.store.replace(result);
      }
    });
  }

  protected remove(task: Task): void {
    openConfirmDialog(this.dialog, {
      title: 'Delete task?',
      message: `“${task.title}” will be deleted. This cannot be undone.`,
      confirmLabel: 'Delete',
    }).subscribe((confirmed) => confirmed && this.store.remove(task));
  }
}
