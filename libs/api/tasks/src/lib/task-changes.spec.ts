import type { TaskEntity } from './task.entity';
import { planUpdate } from './task-changes';

const created = new Date('2030-01-01T10:00:00.000Z');
const now = new Date('2030-01-02T12:30:00.123Z');
const task = (overrides: Partial<TaskEntity> = {}): TaskEntity => ({
  id: '6f1c1c52-4d0f-4bd5-9c7e-0d6f3d5f9a11',
  ownerId: '0d3c8f5e-7b8a-4c2e-9d1f-2a3b4c5d6e7f',
  projectId: '1d3c8f5e-7b8a-4c2e-9d1f-2a3b4c5d6e7f',
  assigneeId: null,
  position: 1024,
  title: 'Title',
  description: '',
  status: 'todo',
  priority: 2,
  dueDate: null,
  tags: ['a'],
  completedAt: null,
  createdAt: created,
  updatedAt: created,
  version: 1,
  ...overrides,
});

describe('planUpdate', () => {
  it('reports only the fields whose value changes, in API values', () => {
    const { changes } = planUpdate(task(), { title: 'Title', priority: 4, dueDate: '2030-02-01', tags: ['a'] }, now);
    expect(changes).toEqual({ priority: { from: 'medium', to: 'urgent' }, dueDate: { from: null, to: '2030-02-01' } });
  });

  it('sets completedAt when status becomes done and keeps it while done', () => {
    const done = planUpdate(task(), { status: 'done' }, now);
    expect(done.next.completedAt).toEqual(now);
    expect(done.changes['completedAt']).toEqual({ from: null, to: now.toISOString() });
    const stillDone = planUpdate(done.next, { status: 'done', title: 'New' }, new Date('2031-01-01T00:00:00.000Z'));
    expect(stillDone.next.completedAt).toEqual(now);
    expect(Object.keys(stillDone.changes)).toEqual(['title']);
  });

  it('clears completedAt when status leaves done', () => {
    const { next, changes } = planUpdate(task({ status: 'done', completedAt: now }), { status: 'todo' }, now);
    expect(next.completedAt).toBeNull();
    expect(changes).toEqual({ status: { from: 'done', to: 'todo' }, completedAt: { from: now.toISOString(), to: null } });
  });

  it('reports a move, an assignment and a new position under their API names', () => {
    const { changes } = planUpdate(task(), { projectId: '2d3c8f5e-7b8a-4c2e-9d1f-2a3b4c5d6e7f', assigneeId: 'a', position: 512 }, now);
    expect(changes).toEqual({
      projectId: { from: '1d3c8f5e-7b8a-4c2e-9d1f-2a3b4c5d6e7f', to: '2d3c8f5e-7b8a-4c2e-9d1f-2a3b4c5d6e7f' },
      assigneeId: { from: null, to: 'a' },
      position: { from: 1024, to: 512 },
    });
  });

  it('finds no change in an empty patch', () => {
    expect(planUpdate(task(), {}, now).changes).toEqual({});
  });
});
