import { HttpErrorResponse, httpResource } from '@angular/common/http';
import { Injectable, computed, inject, linkedSignal, signal, untracked } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatSnackBar } from '@angular/material/snack-bar';
import type { CreateTaskRequest, Task, TaskList, UpdateTaskRequest } from '@taskflow/shared-contracts';
import { TASK_LIST_DEFAULT_LIMIT } from '@taskflow/shared-contracts';
import { ProjectScope, VIEWER_MESSAGE } from '@taskflow/web-projects';
import { LiveConnection, type LiveEvent } from '@taskflow/web-live';
import { describeHttpError } from '@taskflow/web-ui';
import { Observable, catchError, forkJoin, map, of, tap } from 'rxjs';
import { applyTaskEvent, markText } from './live-apply';
import { LiveMarks } from './live-marks';
import { LiveVersions } from './live-versions';
import { DEFAULT_FILTERS, TaskFilters, toQueryParams } from './task-query';
import { TasksApi } from './tasks-api';

/**
 * The tasks a page shows: filters → `GET /api/tasks` (an `httpResource`), pages appended over
 * `nextCursor`, writes applied optimistically with rollback, and other people's changes applied
 * as they arrive on the live stream. Provided per page.
 */
@Injectable()
export class TaskListStore {
  private readonly api = inject(TasksApi);
  private readonly snackBar = inject(MatSnackBar);
  /** The selected project (or All tasks / My tasks) narrows every list and board column. */
  readonly projectScope = inject(ProjectScope);

  readonly filters = signal<TaskFilters>(DEFAULT_FILTERS);
  readonly limit = signal(TASK_LIST_DEFAULT_LIMIT);

  private readonly query = computed(() => ({ ...toQueryParams(this.scope(this.filters()), this.limit()), ...this.projectScope.taskParams() }), {
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

  private readonly live = inject(LiveConnection);
  private readonly marks = inject(LiveMarks);
  private readonly versions = inject(LiveVersions);
  /** Tasks this list took out of `total` itself (moved to another column, deleted) whose event may still come. */
  private readonly countedOut = new Set<string>();

  constructor() {
    this.live.events.pipe(takeUntilDestroyed()).subscribe((event) => this.applyLive(event));
  }

  /**
   * One event of the live stream. Task events update what is shown (newer versions only, within
   * the filters and project); a `reset`, or losing or gaining a project, reloads the first page.
   */
  applyLive(event: LiveEvent): void {
    const me = this.live.userId();
    switch (event.type) {
      case 'task.created':
      case 'task.updated':
      case 'task.deleted': {
        if (this.versions.isStale(event.data.taskId, event.data.version)) return;
        this.versions.record(event.data.taskId, event.data.version);
        const countedOut = this.countedOut.delete(event.data.taskId);
        const view = { filters: this.scope(this.filters()), scopeParams: this.projectScope.taskParams(), userId: me, countedOut };
        const change = applyTaskEvent(this, event, view);
        if (change && event.data.actor.id !== me) this.marks.mark(event.data.taskId, markText(change, event.data.actor.username));
        return;
      }
      case 'member.added':
      case 'member.removed':
        if (event.data.userId === me) this.refresh();
        return;
      case 'project.deleted':
        if (this.items().some((task) => task.projectId === event.data.projectId)) this.refresh();
        return;
      case 'reset':
        this.refresh();
        return;
      default:
        return;
    }
  }

  /** What is asked of the server for these filters; a board column narrows it to its status. */
  protected scope(filters: TaskFilters): TaskFilters {
    return filters;
  }

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

  /**
   * Applies the change at once, sends only `patch` with `If-Match`, and undoes it with a message if
   * the server refuses. With `undoMessage`, a snackbar offers "Undo", which sends the old values back.
   */
  update(task: Task, patch: UpdateTaskRequest, undoMessage?: string): void {
    this.updateMany([{ task, patch }], undoMessage);
  }

  /** Several tasks at once (bulk actions); one snackbar for all of them. */
  updateMany(changes: { task: Task; patch: UpdateTaskRequest }[], undoMessage?: string): void {
    if (changes.length === 0) return;
    for (const { task, patch } of changes) this.replace({ ...task, ...patch });
    forkJoin(
      changes.map(({ task, patch }) =>
        this.api.update(task, patch).pipe(
          map((saved) => ({ saved, undo: { task: saved, patch: previousValues(task, patch) } })),
          catchError((error: unknown) => {
            this.replace(task);
            this.handleWriteError(task, error);
            return of(null);
          }),
        ),
      ),
    ).subscribe((results) => {
      const done = results.filter((result) => result !== null);
      for (const { saved } of done) this.replace(saved);
      if (undoMessage && done.length) {
        this.offerUndo(undoMessage, () => this.updateMany(done.map((result) => result.undo)));
      }
    });
  }

  remove(task: Task): void {
    this.removeMany([task]);
  }

  /** Deletes, then offers "Undo", which creates the tasks again from what was on screen. */
  removeMany(tasks: Task[]): void {
    if (tasks.length === 0) return;
    forkJoin(
      tasks.map((task) =>
        this.api.delete(task.id).pipe(
          map(() => task),
          catchError((error: unknown) => {
            this.handleWriteError(task, error);
            return of(null);
          }),
        ),
      ),
    ).subscribe((results) => {
      const deleted = results.filter((task) => task !== null);
      for (const task of deleted) this.drop(task.id);
      if (deleted.length) {
        const what = deleted.length === 1 ? `“${deleted[0].title}”` : `${deleted.length} tasks`;
        this.offerUndo(`Deleted ${what}.`, () => this.restore(deleted));
      }
    });
  }

  /** Creates deleted tasks again (new ids: the API has no undelete), then reloads the list. */
  restore(tasks: Task[]): void {
    forkJoin(tasks.map((task) => this.api.create(recreateRequest(task)))).subscribe({
      next: () => {
        this.refresh();
        this.snackBar.open(tasks.length === 1 ? `Restored “${tasks[0].title}”.` : `Restored ${tasks.length} tasks.`, undefined, { duration: 3000 });
      },
      error: (error: unknown) => {
        this.refresh();
        this.snackBar.open(`Could not restore: ${describeHttpError(error)}`, 'OK', { duration: 8000 });
      },
    });
  }

  /** Puts a task the server sent back in place of the one with the same id. */
  replace(task: Task): void {
    this.items.update((items) => items.map((item) => (item.id === task.id ? task : item)));
  }

  /** Adds a task at `index` (a card dropped into this column), counting one more. */
  insert(task: Task, index: number): void {
    this.countedOut.delete(task.id);
    this.items.update((items) => [...items.slice(0, index), task, ...items.slice(index).filter((item) => item.id !== task.id)]);
    this.total.update((total) => total + 1);
  }

  /** Takes a task out of what is shown (deleted, or moved to another column), counting one less. */
  drop(id: string): void {
    const before = this.items().length;
    this.items.update((items) => items.filter((item) => item.id !== id));
    if (this.items().length < before) {
      this.total.update((total) => Math.max(0, total - 1));
      this.countedOut.add(id);
    }
  }

  /** A snackbar with "Undo" that runs `undo` when pressed. */
  offerUndo(message: string, undo: () => void): void {
    this.snackBar
      .open(message, 'Undo', { duration: 8000 })
      .onAction()
      .subscribe(() => undo());
  }

  /** A task deleted elsewhere (the task dialog): take it off the list and offer to bring it back. */
  deleted(task: Task): void {
    this.drop(task.id);
    this.offerUndo(`Deleted “${task.title}”.`, () => this.restore([task]));
  }

  /** Explains a refused write (412: reloads the task; 404: drops it). */
  handleWriteError(task: Task, error: unknown): void {
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
    if (error instanceof HttpErrorResponse && error.status === 403) {
      this.replace(task);
      this.snackBar.open(VIEWER_MESSAGE, 'OK', { duration: 8000 });
      return;
    }
    this.snackBar.open(`Could not save “${task.title}”: ${describeHttpError(error)}`, 'OK', { duration: 8000 });
  }
}

/** The values `patch` overwrote, so an undo sends exactly those fields back. */
export function previousValues(task: Task, patch: UpdateTaskRequest): UpdateTaskRequest {
  const previous: Record<string, unknown> = {};
  for (const key of Object.keys(patch)) previous[key] = task[key as keyof Task];
  return previous as UpdateTaskRequest;
}

/** The create body that brings a deleted task back as it was: same project, assignee and place on the board. */
export function recreateRequest(task: Task): CreateTaskRequest {
  return {
    title: task.title,
    description: task.description,
    status: task.status,
    priority: task.priority,
    dueDate: task.dueDate,
    tags: task.tags,
    projectId: task.projectId,
    assigneeId: task.assigneeId,
    position: task.position,
  };
}
