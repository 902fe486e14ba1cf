import type { Task } from '@taskflow/shared-contracts';
import { changedFields } from './task-dialog';

const base: Task = {
  id: 't1',
  projectId: 'p1',
  assigneeId: null,
  position: 1024,
  title: 'Buy milk',
  description: '',
  status: 'todo',
  priority: 'medium',
  dueDate: null,
  tags: ['home'],
  completedAt: null,
  createdAt: '',
  updatedAt: '',
  version: 1,
};

describe('changedFields', () => {
  it('sends only what changed', () => {
    expect(
      changedFields(base, { title: 'Buy milk', description: '', status: 'todo', priority: 'high', dueDate: '2026-05-01', tags: ['home'] }),
    ).toEqual({ priority: 'high', dueDate: '2026-05-01' });
  });

  it('sends nothing when nothing changed, and tags when they did', () => {
    expect(changedFields(base, { title: 'Buy milk', description: '', status: 'todo', priority: 'medium', dueDate: null, tags: ['home'] })).toEqual({});
    expect(
      changedFields(base, { title: 'Buy milk', description: '', status: 'todo', priority: 'medium', dueDate: null, tags: ['home', 'shop'] }),
    ).toEqual({ tags: ['home', 'shop'] });
  });
});
