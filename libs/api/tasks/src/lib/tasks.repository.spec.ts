import { TASK_SORT_FIELDS } from '@taskflow/shared-contracts';
import fc from 'fast-check';
import { OutboxWriter } from '@taskflow/api-events';
import { openTestDataSource } from '@taskflow/api-testing-db';
import type { DataSource } from 'typeorm';
import type { TaskResponse } from './dto/task.response';
import { priorityRank } from './task.mapper';
import type { CursorPosition } from './task-cursor';
import type { SortKey } from './task-sort';
import { TasksRepository } from './tasks.repository';

/**
 * The keyset logic against a reference: random tasks (with many ties and null due dates) go into
 * the real database, then are paged through with random sorts and page sizes. The concatenated
 * pages must equal the same tasks sorted in JavaScript by the documented rules.
 */
describe('TasksRepository.list keyset paging (property, on the test database)', () => {
  let db: DataSource;
  let repository: TasksRepository;

  beforeAll(async () => {
    db = await openTestDataSource({ poolSize: 2 });
    repository = new TasksRepository(db, new OutboxWriter(db));
  });
  afterAll(() => db?.destroy());

  const times = ['2030-01-01T00:00:00.000Z', '2030-01-01T00:00:00.001Z', '2030-06-01T12:00:00.500Z'];
  const taskRow = fc.record({
    title: fc.constantFrom('a', 'A', 'ab', 'B', 'b c', 'Zed', 'z'),
    priority: fc.integer({ min: 1, max: 4 }),
    dueDate: fc.constantFrom(null, null, '2030-01-01', '2030-01-02', '2031-12-31'),
    createdAt: fc.constantFrom(...times),
    updatedAt: fc.constantFrom(...times),
    position: fc.constantFrom(1024, 1024, 0.5, -3, 2048.25),
  });
  const sortSpec = fc
    .shuffledSubarray([...TASK_SORT_FIELDS], { minLength: 1, maxLength: 3 })
    .chain((fields) => fc.tuple(...fields.map((field) => fc.boolean().map((descending): SortKey => ({ field, descending })))));

  it('pages through any sort with any page size, in one project or across several, in the reference order, without skips or repeats', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(taskRow, { maxLength: 25 }), sortSpec, fc.integer({ min: 1, max: 7 }), fc.boolean(), async (rows, sort, limit, spread) => {
        const { ownerId, projectId } = await insertOwner(db);
        // Three projects when asked to: the page is then merged from one index range per project.
        const projectIds = spread ? [projectId, await insertProject(db), await insertProject(db)] : [projectId];
        for (const [index, row] of rows.entries()) {
          await db.query(
            `INSERT INTO tasks (owner_id, project_id, title, priority, due_date, position, created_at, updated_at) VALUES ($1, $2, $3, $4, $5::date, $6, $7, $8)`,
            [ownerId, projectIds[index % projectIds.length], row.title, row.priority, row.dueDate, row.position, row.createdAt, row.updatedAt],
          );
        }
        const all = (await repository.list({ projectIds }, sort, undefined, 100)).tasks;
        const expected = [...all].sort(referenceOrder(sort)).map((task) => task.id);

        const paged: string[] = [];
        let after: CursorPosition | undefined;
        for (let page = 0; page <= rows.length; page++) {
          const result = await repository.list({ projectIds }, sort, after, limit);
          expect(result.total).toBe(rows.length);
          paged.push(...result.tasks.map((task) => task.id));
          after = result.next;
          if (!after) break;
        }
        expect(after).toBeUndefined();
        expect(paged).toEqual(expected);
      }),
      { numRuns: 40 },
    );
  });
});

/**
 * The list statement is planned once per connection: PostgreSQL keeps its generic plan after the
 * five custom plans of `auto` mode, for one project and for several, instead of planning it again
 * on every execution (planning cost more than executing a page). On PGlite statements run unnamed.
 */
describe('TasksRepository.list planning (on the test database)', () => {
  let db: DataSource;

  beforeAll(async () => {
    // One connection, so the statements its session holds can be looked at.
    db = await openTestDataSource({ poolSize: 1 });
  });
  afterAll(() => db?.destroy());

  it('keeps the generic plan of the page statement on a server, whatever the projects listed', async () => {
    const repository = new TasksRepository(db, new OutboxWriter(db));
    const sort: SortKey[] = [{ field: 'createdAt', descending: true }];
    for (let run = 0; run < 8; run++) {
      const { projectId } = await insertOwner(db);
      const others = [await insertProject(db), await insertProject(db)].slice(0, 1 + (run % 2));
      expect((await repository.list({ projectIds: [projectId] }, sort, undefined, 20)).total).toBe(0);
      expect((await repository.list({ projectIds: [projectId, ...others], statuses: ['todo'] }, sort, undefined, 20)).total).toBe(0);
    }
    const plans: { generic: number; custom: number }[] = await db.query(
      `SELECT generic_plans::int AS generic, custom_plans::int AS custom FROM pg_prepared_statements WHERE statement LIKE '%row_order%' ORDER BY name`,
    );
    if (process.env['TASKFLOW_TEST_DATABASE'] === 'embedded-pglite') {
      expect(plans).toEqual([]);
    } else {
      expect(plans).toHaveLength(2);
      for (const plan of plans) expect(plan).toEqual({ generic: 3, custom: 5 });
    }
  });
});

/** A user, and the Inbox the database makes with every account. */
async function insertOwner(db: DataSource): Promise<{ ownerId: string; projectId: string }> {
  const name = `keyset_${Math.random().toString(36).slice(2, 12)}`;
  const [row] = await db.query(`INSERT INTO users (username, email, password_hash) VALUES ($1, $2, 'x') RETURNING id`, [name, `${name}@example.com`]);
  const [project] = await db.query('SELECT id FROM projects WHERE default_for = $1', [row.id]);
  return { ownerId: row.id, projectId: project.id };
}

async function insertProject(db: DataSource): Promise<string> {
  const [row] = await db.query(`INSERT INTO projects (name) VALUES ('Keyset') RETURNING id`);
  return row.id;
}

/** The documented order: each key in its direction (title case-insensitive, null due dates last), then id in the last key's direction. */
function referenceOrder(sort: SortKey[]) {
  // Timestamps are ISO text of one length, so they compare as the instants do.
  const value = (task: TaskResponse, field: SortKey['field']): string | number | null => {
    switch (field) {
      case 'createdAt':
        return task.createdAt;
      case 'updatedAt':
        return task.updatedAt;
      case 'dueDate':
        return task.dueDate;
      case 'priority':
        return priorityRank(task.priority);
      case 'title':
        return task.title.toLowerCase();
      case 'position':
        return task.position;
    }
  };
  const compare = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);
  return (a: TaskResponse, b: TaskResponse): number => {
    for (const key of sort) {
      const [x, y] = [value(a, key.field), value(b, key.field)];
      if (x === y) continue;
      if (x === null) return 1;
      if (y === null) return -1;
      return key.descending ? compare(y, x) : compare(x, y);
    }
    const idOrder = compare(a.id, b.id);
    return sort[sort.length - 1]?.descending ? -idOrder : idOrder;
  };
}
