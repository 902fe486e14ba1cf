import { Injectable, Signal, WritableSignal, inject, signal } from '@angular/core';
import type { Member } from '@taskflow/shared-contracts';
import { MembersApi } from './members-api';

interface Entry {
  members: WritableSignal<readonly Member[] | undefined>;
  error: WritableSignal<unknown>;
}

/**
 * Who is in each project, fetched once per project when first asked for and kept for the session:
 * the members dialog, the assignee picker and every card's initials read the same list, so a
 * board of fifty cards makes one request per project, not one per card. Writes call `reload`.
 */
@Injectable({ providedIn: 'root' })
export class ProjectMembers {
  private readonly api = inject(MembersApi);
  private readonly entries = new Map<string, Entry>();

  /** The members by username, or undefined while loading (and after a failed load: see `errorOf`). */
  of(projectId: string): Signal<readonly Member[] | undefined> {
    return this.entry(projectId).members.asReadonly();
  }

  errorOf(projectId: string): Signal<unknown> {
    return this.entry(projectId).error.asReadonly();
  }

  /** The username of `userId` in `projectId`, once the members are known. */
  nameOf(projectId: string, userId: string): string | undefined {
    return this.of(projectId)()?.find((member) => member.userId === userId)?.username;
  }

  reload(projectId: string): void {
    const entry = this.entries.get(projectId);
    if (entry) this.load(projectId, entry);
  }

  private entry(projectId: string): Entry {
    let entry = this.entries.get(projectId);
    if (!entry) {
      entry = { members: signal(undefined), error: signal(null) };
      this.entries.set(projectId, entry);
      this.load(projectId, entry);
    }
    return entry;
  }

  private load(projectId: string, entry: Entry): void {
    this.api.list(projectId).subscribe({
      next: (list) => {
        entry.error.set(null);
        entry.members.set(list.items);
      },
      error: (error: unknown) => {
        entry.error.set(error);
        // Forget it, so the next screen that asks tries again.
        if (entry.members() === undefined) this.entries.delete(projectId);
      },
    });
  }
}
