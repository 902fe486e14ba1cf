import { DomainError, ErrorCode } from '@taskflow/api-core';
import { aTimeline } from '../testing/activity-events';
import type { ActivityEventRecord } from './activity-event';
import type { ActivityRepository } from './activity.repository';
import { ActivityService } from './activity.service';
import type { ActivityStore } from './activity-store';
import type { OutboxRepository } from './outbox/outbox.repository';

function serviceWith(options: { owned?: boolean; stored?: ActivityEventRecord[] | Error; pending?: ActivityEventRecord[] }) {
  const tasks = { taskBelongsTo: jest.fn().mockResolvedValue(options.owned ?? true) };
  const outbox = { pendingForTask: jest.fn().mockResolvedValue(options.pending ?? []) };
  const stored = options.stored ?? [];
  const store = {
    kind: 'mongodb',
    listForTask: jest.fn(() => (stored instanceof Error ? Promise.reject(stored) : Promise.resolve(stored))),
  };
  const service = new ActivityService(
    tasks as unknown as ActivityRepository,
    outbox as unknown as OutboxRepository,
    store as unknown as ActivityStore,
  );
  return { service, tasks, outbox, store };
}

describe('ActivityService.timeline', () => {
  const [created, renamed, prioritised] = aTimeline(3);

  it('answers not found, without reading any events, for a task that is missing or someone else\'s', async () => {
    const { service, store, outbox } = serviceWith({ owned: false });
    await expect(service.timeline('owner', created!.taskId)).rejects.toEqual(expect.objectContaining({ code: ErrorCode.NotFound }));
    await expect(service.timeline('owner', created!.taskId)).rejects.toBeInstanceOf(DomainError);
    expect(store.listForTask).not.toHaveBeenCalled();
    expect(outbox.pendingForTask).not.toHaveBeenCalled();
  });

  it('merges stored and not-yet-relayed events, newest first, each once', async () => {
    // `renamed` is in both: relayed between the two reads.
    const { service } = serviceWith({ stored: [renamed!, created!], pending: [prioritised!, renamed!] });
    const events = await service.timeline('owner', created!.taskId);
    expect(events.map((event) => event.id)).toEqual([prioritised!.id, renamed!.id, created!.id]);
  });

  it('still lists the outbox events when the store is down', async () => {
    const { service } = serviceWith({ stored: new Error('MongoDB is not connected'), pending: [renamed!, created!] });
    const events = await service.timeline('owner', created!.taskId);
    expect(events.map((event) => event.id)).toEqual([renamed!.id, created!.id]);
  });
});
