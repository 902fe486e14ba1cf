import type { ActivityEvent } from '@taskflow/shared-contracts';
import { describeActivity } from './describe-activity';

const event = (partial: Partial<ActivityEvent>): ActivityEvent => ({
  id: 'e1',
  taskId: 't1',
  type: 'task.updated',
  changes: {},
  at: '2026-05-01T12:00:00Z',
  ...partial,
});

describe('describeActivity', () => {
  it('reads a priority change like a sentence', () => {
    expect(describeActivity(event({ changes: { priority: { from: 'medium', to: 'high' } } }))).toEqual([
      'priority changed from medium to high',
    ]);
  });

  it('describes status, due date, tags and title', () => {
    expect(
      describeActivity(
        event({
          changes: {
            status: { from: 'todo', to: 'in_progress' },
            dueDate: { from: null, to: '2026-05-03' },
            tags: { from: ['home'], to: ['home', 'errand'] },
            title: { from: 'Buy milk', to: 'Buy oat milk' },
            version: { from: 1, to: 2 },
          },
        }),
      ),
    ).toEqual([
      'status changed from “to do” to “in progress”',
      'due date set to May 3, 2026',
      'tags changed from home to home, errand',
      'title changed from “Buy milk” to “Buy oat milk”',
    ]);
  });

  it('describes creation and deletion', () => {
    expect(describeActivity(event({ type: 'task.created', changes: { title: { from: null, to: 'Buy milk' } } }))).toEqual([
      'created as “Buy milk”',
    ]);
    expect(describeActivity(event({ type: 'task.deleted' }))).toEqual(['deleted']);
  });

  it('says a date was cleared', () => {
    expect(describeActivity(event({ changes: { dueDate: { from: '2026-05-03', to: null } } }))).toEqual([
      'due date cleared (was May 3, 2026)',
    ]);
  });
});

describe('describeActivity with names', () => {
  const updated = (changes: ActivityEvent['changes']): ActivityEvent => ({
    id: 'e1',
    taskId: 't1',
    type: 'task.updated',
    actor: { id: 'u1', username: 'alice' },
    changes,
    at: '2026-01-01T00:00:00Z',
  });
  const names = { user: (id: string) => ({ 'u-bob': 'bob' })[id], project: (id: string) => ({ 'p-home': 'Home' })[id] };

  it('names the assignee and the projects of a move instead of showing their ids', () => {
    expect(describeActivity(updated({ assigneeId: { from: null, to: 'u-bob' } }), names)).toEqual(['assigned to bob']);
    expect(describeActivity(updated({ assigneeId: { from: 'u-bob', to: null } }), names)).toEqual(['unassigned (was bob)']);
    expect(describeActivity(updated({ projectId: { from: 'p-home', to: 'p-gone' } }), names)).toEqual(['moved from “Home” to “another project”']);
  });

  it('never shows a raw id when the name is unknown', () => {
    expect(describeActivity(updated({ assigneeId: { from: null, to: 'u-gone' } }))).toEqual(['assigned to a former member']);
  });
});

describe('describeActivity and board order', () => {
  const moved = (changes: ActivityEvent['changes']): ActivityEvent => ({
    id: 'e1',
    taskId: 't1',
    type: 'task.updated',
    actor: { id: 'u1', username: 'alice' },
    changes,
    at: '2026-01-01T00:00:00Z',
  });

  it('leaves position numbers out, and says a reorder alone moved the card', () => {
    expect(describeActivity(moved({ status: { from: 'todo', to: 'done' }, position: { from: 1024, to: 512 } }))).toEqual(['status changed from “to do” to “done”']);
    expect(describeActivity(moved({ position: { from: 1024, to: 3072 } }))).toEqual(['moved on the board']);
  });
});
