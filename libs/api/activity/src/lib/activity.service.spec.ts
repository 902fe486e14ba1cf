import { aTimeline } from '../testing/activity-events';
import type { ActivityEventRecord } from './activity-event';
import { ActivityService } from './activity.service';
import type { ActivityStore } from './activity-store';
import type { PendingActivity } from './consumer/pending-activity';

function serviceWith(options: { stored?: ActivityEventRecord[] | Error; pending?: ActivityEventRecord[] }) {
  const pending = {
    forTask: jest.fn().mockResolvedValue(options.pending ?? []),
    forProject: jest.fn().mockResolvedValue(options.pending ?? []),
  };
  const stored = options.stored ?? [];
  const store = {
    kind: 'mongodb',
    listForTask: jest.fn(() => (stored instanceof Error ? Promise.reject(stored) : Promise.resolve(stored))),
    listForProject: jest.fn(() => (stored instanceof Error ? Promise.reject(stored) : Promise.resolve(stored))),
  };
  const service = new ActivityService(pending as unknown as PendingActivity, store as unknown as ActivityStore);
  return { service, pending, store };
}

describe('ActivityService.timeline', () => {
  const [created, renamed, prioritised] = aTimeline(3);

  it('merges stored and not-yet-stored events, newest first, each once', async () => {
    // `renamed` is in both: stored between the two reads.
    const { service } = serviceWith({ stored: [renamed!, created!], pending: [prioritised!, renamed!] });
    const events = await service.timeline(created!.taskId);
    expect(events.map((event) => event.id)).toEqual([prioritised!.id, renamed!.id, created!.id]);
  });

  it('still lists the pending events when the store is down', async () => {
    const { service } = serviceWith({ stored: new Error('MongoDB is not connected'), pending: [renamed!, created!] });
    const events = await service.timeline(created!.taskId);
    expect(events.map((event) => event.id)).toEqual([renamed!.id, created!.id]);
  });
});

describe('ActivityService.projectTimeline', () => {
  const events = aTimeline(5);

  it('pages newest first through stored and pending events, each once, without skips', async () => {
    const { service } = serviceWith({ stored: [events[3]!, events[2]!, events[1]!], pending: [events[4]!, events[3]!, events[0]!] });
    const first = await service.projectTimeline('project', 2);
    expect(first.events.map((event) => event.id)).toEqual([events[4]!.id, events[3]!.id]);
    const second = await service.projectTimeline('project', 2, first.next);
    expect(second.events.map((event) => event.id)).toEqual([events[2]!.id, events[1]!.id]);
    const third = await service.projectTimeline('project', 2, second.next);
    expect(third.events.map((event) => event.id)).toEqual([events[0]!.id]);
    expect(third.next).toBeUndefined();
  });
});
