import { Injectable, signal } from '@angular/core';

/** How long "moved by bob" stays on a card or row: long enough to notice, short enough to stay quiet. */
export const LIVE_MARK_MS = 4_000;

/** The quiet marks on tasks someone else just changed ("moved by bob"), each cleared after a few seconds. */
@Injectable({ providedIn: 'root' })
export class LiveMarks {
  private readonly current = signal<ReadonlyMap<string, string>>(new Map());
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  readonly marks = this.current.asReadonly();

  mark(taskId: string, text: string): void {
    const timer = this.timers.get(taskId);
    if (timer !== undefined) clearTimeout(timer);
    this.current.update((marks) => new Map(marks).set(taskId, text));
    this.timers.set(
      taskId,
      setTimeout(() => {
        this.timers.delete(taskId);
        this.current.update((marks) => {
          const next = new Map(marks);
          next.delete(taskId);
          return next;
        });
      }, LIVE_MARK_MS),
    );
  }
}
