import { DestroyRef, inject } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import type { ActivityActor, Task } from '@taskflow/shared-contracts';
import { LiveConnection, type LiveEvent } from '@taskflow/web-live';
import { Observable, filter } from 'rxjs';
import { EditableField, EditableTask, editableOf } from './task-conflict';

export interface OpenTaskHandlers {
  /** A newer version of the open task; `byMe` when the signed-in user made it (e.g. in another tab). */
  changed(latest: Task, actor: ActivityActor, byMe: boolean): void;
  deleted(actor: ActivityActor, byMe: boolean): void;
}

/** Follows the open task on the live stream for as long as the calling component lives. Call in an injection context. */
export function followOpenTask(taskId: () => string, handlers: OpenTaskHandlers): void {
  const live = inject(LiveConnection);
  live
    .on('task.updated', 'task.deleted')
    .pipe(
      filter((event) => event.data.taskId === taskId()),
      takeUntilDestroyed(inject(DestroyRef)),
    )
    .subscribe((event) => {
      const byMe = event.data.actor.id === live.userId();
      if (event.type === 'task.deleted') handlers.deleted(event.data.actor, byMe);
      else handlers.changed(event.data.task, event.data.actor, byMe);
    });
}

/**
 * Comment events of one task, for a view that shows its comments (the dialog's thread reloads on
 * each). Call in an injection context.
 */
export function liveCommentEvents(taskId: () => string): Observable<Extract<LiveEvent, { type: `comment.${string}` }>> {
  return inject(LiveConnection)
    .on('comment.created', 'comment.updated', 'comment.deleted')
    .pipe(filter((event) => event.data.taskId === taskId()));
}

/** The fields both the person (since `base`) and the latest version changed, to different values. */
export function overlappingEdits(base: Task, mine: EditableTask, latest: Task): EditableField[] {
  const from = editableOf(base);
  const theirs = editableOf(latest);
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  return (Object.keys(from) as EditableField[]).filter((field) => !same(mine[field], from[field]) && !same(theirs[field], from[field]) && !same(mine[field], theirs[field]));
}
