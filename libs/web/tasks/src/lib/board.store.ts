import { DestroyRef, Injectable, InjectionToken, Injector, computed, inject, signal } from '@angular/core';
import { TASK_STATUSES, Task, TaskStatus, UpdateTaskRequest } from '@taskflow/shared-contracts';
import { ProjectScope } from '@taskflow/web-projects';
import { positionBetween } from './board-order';
import { TaskListStore } from './task-list.store';
import { DEFAULT_FILTERS, TaskFilters } from './task-query';
import { TasksApi } from './tasks-api';

/** Every column lists its cards in board order (v2: every task has a `position`). */
export const BOARD_SORT = 'position';
export const BOARD_COLUMN_LIMIT = 50;

const BOARD_COLUMN = new InjectionToken<TaskStatus>('BOARD_COLUMN');

/** One column: its own `status=<column>` query, so its `total` is right and it pages on its own. */
@Injectable()
export class BoardColumnStore extends TaskListStore {
  readonly status = inject(BOARD_COLUMN);

  protected override scope(filters: TaskFilters): TaskFilters {
    return { ...filters, statuses: [this.status], sort: BOARD_SORT };
  }
}

/** The three columns of the board, and moves of cards between and within them. */
@Injectable()
export class BoardStore {
  private readonly api = inject(TasksApi);
  private readonly injector = inject(Injector);
  readonly projectScope = inject(ProjectScope);

  /**
   * Each column applies live events itself, within its own status: a card moved by someone else
   * leaves one column and enters the other at its place. The columns' injectors end with the board,
   * or their streams and queries would outlive the page.
   */
  private readonly columnInjectors = TASK_STATUSES.map((status) =>
    Injector.create({ providers: [{ provide: BOARD_COLUMN, useValue: status }, BoardColumnStore], parent: this.injector }),
  );
  readonly columns = this.columnInjectors.map((injector) => injector.get(BoardColumnStore));
  readonly filters = signal<TaskFilters>(DEFAULT_FILTERS);
  readonly loading = computed(() => this.columns.some((column) => column.loading() && !column.loadingMore()));
  readonly error = computed(() => this.columns.map((column) => column.error()).find(Boolean) ?? '');

  constructor() {
    for (const column of this.columns) column.limit.set(BOARD_COLUMN_LIMIT);
    inject(DestroyRef).onDestroy(() => this.columnInjectors.forEach((injector) => injector.destroy()));
  }

  column(status: TaskStatus): BoardColumnStore {
    return this.columns[TASK_STATUSES.indexOf(status)];
  }

  /** The filters from the URL, for every column (each keeps its own status and board order). */
  applyFilters(filters: TaskFilters): void {
    this.filters.set(filters);
    for (const column of this.columns) column.filters.set(filters);
  }

  refresh(): void {
    for (const column of this.columns) column.refresh();
  }

  /**
   * Moves a card to `status` at `index` of that column's loaded cards (the top when not given):
   * it gets a position between its new neighbours. Shown at once; put back if the server refuses.
   */
  move(task: Task, status: TaskStatus, index?: number): void {
    const from = this.column(task.status);
    const to = this.column(status);
    const fromIndex = from.items().findIndex((item) => item.id === task.id);
    const others = to.items().filter((item) => item.id !== task.id);
    const target = Math.max(0, Math.min(index ?? 0, others.length));
    if (from === to && target === fromIndex) return;
    const patch: UpdateTaskRequest = { position: positionBetween(others[target - 1]?.position, others[target]?.position) };
    if (status !== task.status) patch.status = status;
    const moved = { ...task, ...patch } as Task;
    from.drop(task.id);
    to.insert(moved, target);
    this.api.update(task, patch).subscribe({
      next: (saved) => {
        to.replace(saved);
        if (status === 'done' && task.status !== 'done') {
          to.offerUndo(`Marked “${task.title}” done.`, () => this.move(saved, task.status, fromIndex));
        }
      },
      error: (error: unknown) => {
        to.drop(task.id);
        from.insert(task, Math.max(0, fromIndex));
        from.handleWriteError(task, error);
      },
    });
  }

  /** A task the dialog saved: into the column of its (maybe new) status. */
  saved(task: Task): void {
    const current = this.columns.find((column) => column.items().some((item) => item.id === task.id));
    const to = this.column(task.status);
    if (current === to) {
      to.replace(task);
      return;
    }
    current?.drop(task.id);
    // The dialog does not change `position`; the card keeps its place among those loaded.
    const index = to.items().findIndex((item) => item.position > task.position);
    to.insert(task, index < 0 ? to.items().length : index);
  }

  deleted(task: Task): void {
    this.column(task.status).deleted(task);
  }
}
