import { randomUUID } from 'node:crypto';
import type { ActivityEventRecord } from '../lib/activity-event';

/** A valid event; each call a new id. Timestamps are whole milliseconds, as every store keeps them. */
export function anEvent(overrides: Partial<ActivityEventRecord> = {}): ActivityEventRecord {
  return {
    id: randomUUID(),
    taskId: randomUUID(),
    ownerId: randomUUID(),
    projectId: randomUUID(),
    fromProjectId: null,
    actor: { id: randomUUID(), username: 'someone' },
    type: 'task.updated',
    changes: { priority: { from: 'medium', to: 'high' } },
    at: new Date(Math.floor(Date.now())),
    ...overrides,
  };
}

/** `count` events of one task, one second apart, oldest first. */
export function aTimeline(count: number, base: Partial<ActivityEventRecord> = {}): ActivityEventRecord[] {
  const taskId = base.taskId ?? randomUUID();
  const ownerId = base.ownerId ?? randomUUID();
  const projectId = base.projectId ?? randomUUID();
  const start = Date.UTC(2030, 0, 1, 12, 0, 0);
  return Array.from({ length: count }, (_, index) =>
    anEvent({ ...base, taskId, ownerId, projectId, type: index === 0 ? 'task.created' : 'task.updated', at: new Date(start + index * 1_000) }),
  );
}
