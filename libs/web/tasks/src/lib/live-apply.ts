import type { Signal, WritableSignal } from '@angular/core';
import type { Task } from '@taskflow/shared-contracts';
import type { LiveEvent } from '@taskflow/web-live';
import { matchesFilters, sortedIndex, taskBefore } from './task-match';
import { DEFAULT_FILTERS, type TaskFilters } from './task-query';

/** What one loaded list (the list page, or one board column) is, as far as live events are concerned. */
export interface LiveListTarget {
  readonly items: WritableSignal<Task[]>;
  readonly total: WritableSignal<number>;
  readonly nextCursor: Signal<string | null>;
}

export interface LiveListView {
  /** The filters as sent to the server (a board column's include its status). */
  filters: TaskFilters;
  scopeParams: Record<string, string>;
  userId: string | null;
  /** This list already took the task out of its count itself (an optimistic move or delete). */
  countedOut: boolean;
}

export type LiveChange = 'added' | 'moved' | 'edited';

/**
 * Applies a task event to a loaded list: only when its version is newer than the one held; a task
 * that no longer matches the filters or project leaves, one that now matches comes in at its place
 * in the sort order (unless that place is on a page not loaded yet), and `total` follows. Returns
 * what happened to a task that is shown afterwards, for the "moved by bob" mark, or null.
 */
export function applyTaskEvent(target: LiveListTarget, event: Extract<LiveEvent, { type: `task.${string}` }>, view: LiveListView): LiveChange | null {
  const items = target.items();
  const index = items.findIndex((item) => item.id === event.data.taskId);
  const held = index >= 0 ? items[index] : undefined;
  if (held && held.version >= event.data.version) return null;
  if (event.type === 'task.deleted') {
    if (held) {
      target.items.set(items.filter((item) => item.id !== held.id));
      target.total.update((total) => Math.max(0, total - 1));
    }
    return null;
  }
  const task = event.data.task;
  const matches = matchesFilters(task, view.filters, view.scopeParams, view.userId);
  // Was it in `total` before? Held; or, not held, on a page not loaded yet and matching before this
  // change, unless this list counted it out itself (its own optimistic move, now confirmed).
  const before = event.type === 'task.updated' ? taskBefore(task, event.data.changes) : null;
  const unloaded = target.nextCursor() !== null && !view.countedOut;
  const matchedBefore = held !== undefined || (unloaded && before !== null && matchesFilters(before, view.filters, view.scopeParams, view.userId));
  const others = held ? items.filter((item) => item.id !== held.id) : items;
  if (!matches) {
    if (held) target.items.set(others);
    if (matchedBefore) target.total.update((total) => Math.max(0, total - 1));
    return null;
  }
  if (!matchedBefore) target.total.update((total) => total + 1);
  const place = sortedIndex(others, task, view.filters.sort || DEFAULT_FILTERS.sort);
  // Beyond the last loaded task while more pages exist: it belongs to a page not loaded yet.
  if (place === others.length && target.nextCursor() !== null) {
    if (held) target.items.set(others);
    return null;
  }
  target.items.set([...others.slice(0, place), task, ...others.slice(place)]);
  if (event.type === 'task.created') return 'added';
  const changes = event.data.changes ?? {};
  const moved = 'status' in changes || 'position' in changes || (held !== undefined && (held.status !== task.status || held.position !== task.position));
  return moved ? 'moved' : 'edited';
}

export function markText(change: LiveChange, username: string): string {
  return `${change} by ${username}`;
}
