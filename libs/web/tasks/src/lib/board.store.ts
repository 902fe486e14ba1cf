import { DestroyRef, Injectable, InjectionToken, Injector, computed, inject, signal } from '@angular/core';
import { TASK_PRIORITIES, TASK_STATUSES, Task, TaskStatus, UpdateTaskRequest } from '@taskflow/shared-contracts';
import { hasPosition, positionBetween } from './board-order';
import { TaskListStore } from './task-list.store';
import { ProjectScope } from '@taskflow/web-projects';
import { DEFAULT_FILTERS, TaskFilters } from './task-query';
import { TasksApi } from './tasks-api';

/** The board's order before the API has `position`: what the board always showed. */
export const FALLBACK_BOARD_SORT = '-priority,dueDate';
export const BOARD_COLUMN_LIMIT = 50;

/**
 * Whether the server orders tasks by `position` (board order, v2). Learned from the first tasks
 * seen that carry one, and kept for the session so later visits ask for `sort=position` at once.
 */
@Injectable({ providedIn: 'root' })
export class BoardOrder {
  readonly byPosition = signal(false);
  readonly sort = computed(() => (this.byPosition() ? 'position' : FALLBACK_BOARD_SORT));

  notice(tasks: readonly Task[]): void {
    if (!this.byPosition() && tasks.some(hasPosition)) {
      this.byPosition.set(true);
    }
  }
}

const BOARD_COLUMN = new InjectionToken<TaskStatus>('BOARD_COLUMN');

/** One column: its own `status=<column>` query, so its `total` is right and it pages on its own. */
@Injectable()
export class BoardColumnStore extends TaskListStore {
  readonly status = inject(BOARD_COLUMN);
  private readonly order = inject(BoardOrder);

  protected override scope(filters: TaskFilters): TaskFilters {
    return { ...filters, statuses: [this.status], sort: this.order.sort() };
  }
}

const RANK = Object.fromEntries(TASK_PRIORITIES.map((p, i) => [p, i])) as Record<string, number>;

/** The fallback order, client-side, to place a moved card where the server would list it. */
function fallbackIndex(items: readonly Task[], task: Task): number {
  const key = (t: Task) => [-RANK[t.priority], t.dueDate ?? '9999-99-99'] as const;
  const [rank, due] = key(task);
  const index = items.findIndex((other) => {
    const [r, d] = key(other);
    return r > rank || (r === rank && d > due);
  });
  return index < 0 ? items.length : index;
}

/** The three columns of the board, and moves of cards between and within them. */
@Injectable()
export class BoardStore {
  private readonly api = inject(TasksApi);
  private readonly injector = inject(Injector);
  readonly order = inject(BoardOrder);
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

  setFilters(patch: Partial<TaskFilters>): void {
    this.filters.update((filters) => ({ ...filters, ...patch }));
    for (const column of this.columns) column.filters.set(this.filters());
  }

  resetFilters(): void {
    this.filters.set(DEFAULT_FILTERS);
    for (const column of this.columns) column.filters.set(DEFAULT_FILTERS);
  }

  refresh(): void {
    for (const column of this.columns) column.refresh();
  }

  /**
   * Moves a card to `status` at `index` of that column's loaded cards (the top when not given).
   * With positions, the card gets a number between its new neighbours; without, it only changes
   * status and lands where the fallback order puts it. Shown at once; put back if the server refuses.
   */
  move(task: Task, status: TaskStatus, index?: number): void {
    const from = this.column(task.status);
    const to = this.column(status);
    const fromIndex = from.items().findIndex((item) => item.id === task.id);
    const byPosition = this.order.byPosition() && hasPosition(task);
    if (from === to && !byPosition) {
      return;
    }
    const others = to.items().filter((item) => item.id !== task.id);
    const patch: UpdateTaskRequest & { position?: number } = {};
    if (status !== task.status) patch.status = status;
    let target: number;
    if (byPosition) {
      target = Math.max(0, Math.min(index ?? 0, others.length));
      const before = others[target - 1];
      const after = others[target];
      const position = positionBetween(before && hasPosition(before) ? before.position : undefined, after && hasPosition(after) ? after.position : undefined);
      if (from === to && target === fromIndex) return;
      patch.position = position;
    } else {
      target = fallbackIndex(others, { ...task, ...patch });
    }
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
    to.insert(task, this.order.byPosition() ? to.items().length : fallbackIndex(to.items(), task));
  }

  deleted(task: Task): void {
    this.column(task.status).deleted(task);
  }
}
