import { Injectable } from '@angular/core';

/**
 * The newest version of each task the live stream has reported, shared by every list on the page.
 * A board column that does not hold a task cannot tell by itself that an event is older than one
 * another column already applied (or than its deletion); this can. Equal versions are not stale:
 * each column applies the same event in turn.
 */
@Injectable({ providedIn: 'root' })
export class LiveVersions {
  private readonly newest = new Map<string, number>();

  isStale(taskId: string, version: number): boolean {
    return version < (this.newest.get(taskId) ?? 0);
  }

  record(taskId: string, version: number): void {
    if (version > (this.newest.get(taskId) ?? 0)) this.newest.set(taskId, version);
  }
}
