import { HttpErrorResponse, httpResource } from '@angular/common/http';
import { Injectable, computed, inject, linkedSignal, signal, untracked } from '@angular/core';
import { MatSnackBar } from '@angular/material/snack-bar';
import type { CreateTaskRequest, Task, TaskList, UpdateTaskRequest } from '@taskflow/shared-contracts';
import { TASK_LIST_DEFAULT_LIMIT } from '@taskflow/shared-contracts';
import { describeHttpError } from '@taskflow/web-ui';
import { Observable, tap } from 'rxjs';
import { DEFAULT_FILTERS, TaskFilters, toQueryParams } from './task-query';
import { TasksApi } from './tasks-api';

/**
 * The tasks a page shows: filters → `GET /api/tasks` (an `httpResource`), pages appended over
 * `nextCursor`, and writes applied optimistically with rollback. Provided per page.
 */
@Injectable()
export class TaskListStore {
  private readonly api = inject(TasksApi);
  private readonly snackBar = inject(MatSnackBar);

  readonly filters = signal<TaskFilters>(DEFAULT_FILTERS);
  readonly limit = signal(TASK_LIST_DEFAULT_LIMIT);

  private readonly query = computed(() => toQueryParams(this.filters(), this.limit()), {
    equal: (a, b) => JSON.stringify(a) === JSON.stringify(b),
  });
  private readonly cursor = linkedSignal<Record<string, string>, string | null>({ source: this.query, computation: () => null });

  readonly page = httpResource<TaskList>(() => {
    const cursor = this.cursor();
    return { url: '/api/tasks', params: cursor ? { ...this.query(), cursor } : this.query() };
  });
  private readonly loadedPage = computed(() => (this.page.hasValue() ? this.page.value() : undefined));

  /** Every task loaded so far, first page then each "load more" page. Writable for optimistic updates. */
  readonly items = linkedSignal<{ list: TaskList | undefined; cursor: string | null }, Task[]>({
    source: () => ({ list: this.loadedPage(), cursor: this.cursor() }),
    computation: (source, previous) => {
      if (!source.list) {
        return previous?.value ?? [];
      }
      if (!source.cursor) {
        return source.list.items;
      }
      const seen = new Set((previous?.value ?? []).map((task) => task.id));
      return [...(previous?.value ?? []), ...source.list.items.filter((task) => !seen.has(task.id))];
    },
  });
  readonly total = linkedSignal<TaskList | undefined, number>({
    source: this.loadedPage,
    computation: (list, previous) => list?.total ?? previous?.value ?? 0,
  });
  readonly nextCursor = computed(() => this.loadedPage()?.nextCursor ?? null);
  readonly loading = computed(() => this.page.isLoading());
  readonly loadingMore = computed(() => this.page.isLoading() && this.cursor() !== null);
  readonly error = computed(() => (this.page.error() ? describeHttpError(this.page.error()) : ''));

  setFilters(patch: Partial<TaskFilters>): void {
    this.filters.update((filters) => ({ ...filters, ...patch }));
  }

  resetFilters(): void {
    this.filters.set(DEFAULT_FILTERS);
  }

  loadMore(): void {
    const next = this.nextCursor();
    if (next && !this.page.isLoading()) {
      // Settle the list as it is now: the next page is appended to exactly these items.
      untracked(this.items);
      this.cursor.set(next);
    }
  }

  /** Back to the first page with the current filters. */
  refresh(): void {
    if (this.cursor() === null) {
      this.page.reload();
    } else {
      this.cursor.set(null);
    }
  }

  create(request: CreateTaskRequest): Observable<Task> {
    return this.api.create(request).pipe(tap(() => this.refresh()));
  }

  /** Applies the change at once, sends it with `If-Match`, and undoes it with a message if the server refuses. */
  update(task: Task, patch: UpdateTaskRequest): void {
    this.replace({ ...task, ...patch });
    this.api.update(task, patch).subscribe({
      next: (saved) => this.replace(saved),
      error: (error: unknown) => {
        this.replace(task);
        this.handleWriteError(task, error);
      },
    });
  }

  remove(task: Task): void {
    this.api.delete(task.id).subscribe({
      next: () => {
        this.drop(task.id);
        this.snackBar.open(`Deleted “${task.title}”.`, 'OK', { duration: 4000 });
      },
      error: (error: unknown) => this.handleWriteError(task, error),
    });
  }

  /** Puts a task the server sent back in place of the one with the same id. */
  replace(task: Task): void {
    this.items.update((items) => items.map((item) => (item.id === task.id ? task : item)));
  }

  private drop(id: string): void {
    const before = this.items().length;
    this.items.update((items) => items.filter((item) => item.id !== id));
    if (this.items().length < before) {
      this.total.update((total) => Math.max(0, total - 1));
    }
  }

  private handleWriteError(task: Task, error: unknown): void {
    if (error instanceof HttpErrorResponse && error.status === 412) {
      this.api.get(task.id).subscribe({
        next: (latest) => this.replace(latest),
        error: () => this.refresh(),
      });
      this.snackBar.open(`“${task.title}” was changed elsewhere. We loaded the latest version; please try again.`, 'OK', {
        duration: 8000,
      });
      return;
    }
    if (error instanceof HttpErrorResponse && error.status === 404) {
      this.drop(task.id);
      this.snackBar.open(`“${task.title}” no longer exists.`, 'OK', { duration: 6000 });
      return;
    }
    this.snackBar.open(`Could not save “${task.title}”: ${describeHttpError(error)}`, 'OK', { duration: 8000 });
  }
}
