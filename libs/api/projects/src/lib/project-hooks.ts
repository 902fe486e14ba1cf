import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/**
 * Runs inside the transaction that removes a member, so that what other features keep about the
 * member in that project (the tasks assigned to them) changes with it or not at all.
 */
export type MemberLeavingHandler = (db: EntityManager, change: { projectId: string; userId: string; actorId: string }) => Promise<void>;

/** Where features that keep per-project state about members plug in, without this library naming their tables. */
@Injectable()
export class ProjectHooks {
  private readonly leaving: MemberLeavingHandler[] = [];

  onMemberLeaving(handler: MemberLeavingHandler): void {
    this.leaving.push(handler);
  }

  async memberLeaving(db: EntityManager, change: { projectId: string; userId: string; actorId: string }): Promise<void> {
    for (const handler of this.leaving) await handler(db, change);
  }
}
