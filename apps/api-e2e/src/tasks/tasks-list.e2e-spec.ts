import { TASK_PRIORITIES, type ProblemDetails, type Task, type TaskList } from '@taskflow/shared-contracts';
import { createUser, HttpClient, startTestApp, type TestApp, type TestUser } from '@taskflow/api-testing';
import { createTask, listTasks, pageThrough } from './task-helpers';

const rank = (task: Task) => TASK_PRIORITIES.indexOf(task.priority);
const titles = (tasks: Task[]) => tasks.map((task) => task.title);

describe('tasks: the list (filters, sort, paging)', () => {
  let testApp: TestApp;
  let http: HttpClient;
  let owner: TestUser;
  let other: TestUser;
  /** A fixed set of owner's tasks, created one after another (createdAt ascending). */
  let fixture: Task[];

  beforeAll(async () => {
    testApp = await startTestApp();
    http = new HttpClient(testApp.baseUrl);
    [owner, other] = await Promise.all([createUser(http), createUser(http)]);
    const specs = [
      { title: 'Alpha report', priority: 'low', status: 'todo', dueDate: '2030-03-01', tags: ['work'] },
      { title: 'bravo groceries', priority: 'urgent', status: 'in_progress', dueDate: null, tags: ['home', 'errand'] },
      { title: 'Charlie taxes', priority: 'high', status: 'done', dueDate: '2030-01-15', tags: ['home'], description: 'Send the 100% FORM' },
      { title: 'delta review', priority: 'medium', status: 'todo', dueDate: '2030-02-10', tags: ['work', 'review'] },
      { title: 'Echo call', priority: 'urgent', status: 'todo', dueDate: '2030-01-15', tags: [], description: 'about the budget' },
      { title: 'foxtrot plan', priority: 'low', status: 'in_progress', dueDate: null, tags: ['WORK'] },
    ];
    fixture = [];
    for (const spec of specs) fixture.push(await createTask(http, owner, spec));
    // updatedAt order differs from createdAt order: touch the oldest last.
    const [oldest] = fixture;
    const touched = await http.patch<Task>(`/api/tasks/${oldest?.id}`, { token: owner.accessToken, json: { description: 'touched' } });
    fixture[0] = touched.body;
    await createTask(http, other, { title: 'Not yours', tags: ['work'] });
  });
  afterAll(() => testApp.close());

  const list = (query = '') => http.get<TaskList & Partial<ProblemDetails>>(`/api/tasks${query ? `?${query}` : ''}`, { token: owner.accessToken });

  it('lists only the caller\'s tasks, newest first, with total and no cursor when all fit', async () => {
    const response = await list();
    expect(response.status).toBe(200);
    expect(response.body.total).toBe(6);
    expect(response.body.nextCursor).toBeNull();
    expect(response.body.items.map((task) => task.id)).toEqual([...fixture].reverse().map((task) => task.id));
    expect(response.body.items[5]).toEqual(fixture[0]);
  });

  it('answers an empty page for a user without tasks', async () => {
    const stranger = await createUser(http);
    const response = await listTasks(http, stranger);
    expect(response.body).toEqual({ items: [], total: 0, nextCursor: null });
  });

  describe('filters', () => {
    it.each([
      ['status=todo', ['Echo call', 'delta review', 'Alpha report']],
      ['status=todo,done', ['Echo call', 'delta review', 'Charlie taxes', 'Alpha report']],
      ['priority=urgent', ['Echo call', 'bravo groceries']],
      ['priority=low,high', ['foxtrot plan', 'Charlie taxes', 'Alpha report']],
      ['tag=work', ['foxtrot plan', 'delta review', 'Alpha report']],
      ['tag=%20Home%20', ['Charlie taxes', 'bravo groceries']],
      ['tag=nothing', []],
      ['q=REPORT', ['Alpha report']],
      ['q=budget', ['Echo call']],
      ['q=100%25', ['Charlie taxes']],
      ['q=_', []],
      ['q=o', ['foxtrot plan', 'Echo call', 'Charlie taxes', 'bravo groceries', 'Alpha report']],
      ['dueBefore=2030-02-10', ['Echo call', 'Charlie taxes']],
      ['dueAfter=2030-01-15', ['delta review', 'Alpha report']],
      ['dueAfter=2030-01-01&dueBefore=2030-03-01', ['Echo call', 'delta review', 'Charlie taxes']],
      ['status=todo&priority=urgent,low&tag=work', ['Alpha report']],
    ])('%s', async (query, expected) => {
      const response = await list(query);
      expect(response.status).toBe(200);
      expect(titles(response.body.items)).toEqual(expected);
      expect(response.body.total).toBe(expected.length);
    });

    it('counts every match in total, not just the page', async () => {
      const response = await list('tag=work&limit=1');
      expect(response.body.items).toHaveLength(1);
      expect(response.body.total).toBe(3);
      expect(response.body.nextCursor).toEqual(expect.any(String));
    });
  });

  describe('sort', () => {
    const byCreated = (a: Task, b: Task) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);
    const cases: [string, (a: Task, b: Task) => number][] = [
      ['createdAt', byCreated],
      ['-createdAt', (a, b) => -byCreated(a, b)],
      ['updatedAt', (a, b) => a.updatedAt.localeCompare(b.updatedAt) || a.id.localeCompare(b.id)],
      ['-updatedAt', (a, b) => b.updatedAt.localeCompare(a.updatedAt) || b.id.localeCompare(a.id)],
      ['priority', (a, b) => rank(a) - rank(b) || a.id.localeCompare(b.id)],
      ['-priority', (a, b) => rank(b) - rank(a) || b.id.localeCompare(a.id)],
      ['title', (a, b) => a.title.toLowerCase().localeCompare(b.title.toLowerCase())],
      ['-title', (a, b) => b.title.toLowerCase().localeCompare(a.title.toLowerCase())],
      ['dueDate', (a, b) => dueOrder(a, b, 1) || a.id.localeCompare(b.id)],
      ['-dueDate', (a, b) => dueOrder(a, b, -1) || b.id.localeCompare(a.id)],
      ['-priority,dueDate', (a, b) => rank(b) - rank(a) || dueOrder(a, b, 1) || a.id.localeCompare(b.id)],
      ['dueDate,-createdAt', (a, b) => dueOrder(a, b, 1) || -byCreated(a, b)],
    ];

    it.each(cases)('sort=%s, also when paged one task at a time', async (sort, compare) => {
      const expected = titles([...fixture].sort(compare));
      const whole = await list(`sort=${sort}`);
      expect(whole.status).toBe(200);
      expect(titles(whole.body.items)).toEqual(expected);
      expect(titles(await pageThrough(http, owner, `sort=${sort}&limit=1`))).toEqual(expected);
    });

    it('puts tasks without a due date last in both directions', async () => {
      for (const sort of ['dueDate', '-dueDate']) {
        const items = (await list(`sort=${sort}`)).body.items;
        expect(items.slice(-2).map((task) => task.dueDate)).toEqual([null, null]);
        expect(items.slice(0, -2).every((task) => task.dueDate !== null)).toBe(true);
      }
    });
  });

  describe('limit', () => {
    it('defaults to 20 and accepts 1 to 100', async () => {
      const user = await createUser(http);
      await Promise.all(Array.from({ length: 25 }, (_, i) => createTask(http, user, { title: `t${i}` })));
      expect((await listTasks(http, user)).body.items).toHaveLength(20);
      expect((await listTasks(http, user, 'limit=1')).body.items).toHaveLength(1);
      const hundred = await listTasks(http, user, 'limit=100');
      expect(hundred.body.items).toHaveLength(25);
      expect(hundred.body.total).toBe(25);
      expect(hundred.body.nextCursor).toBeNull();
    });

    it.each(['0', '101', '-1', '1.5', 'ten', ''])('rejects limit=%s with 400 naming limit', async (limit) => {
      const response = await list(`limit=${limit}`);
      expect(response.status).toBe(400);
      expect(response.body.errors?.map((error) => error.field)).toContain('limit');
    });
  });

  describe('bad queries', () => {
    it.each([
      ['status', 'status=open'],
      ['status', 'status=todo,'],
      ['status', 'status=todo&status=done'],
      ['priority', 'priority=critical'],
      ['priority', 'priority=High'],
      ['sort', 'sort=name'],
      ['sort', 'sort=--title'],
      ['sort', 'sort=title,-title'],
      ['dueBefore', 'dueBefore=2030-02-30'],
      ['dueAfter', 'dueAfter=tomorrow'],
      ['tag', `tag=${'x'.repeat(33)}`],
      ['q', 'q='],
      ['page', 'page=2'],
      ['offset', 'offset=10'],
      ['cursor', 'cursor=not-a-cursor'],
    ])('rejects a bad %s (%s) with 400 naming it', async (field, query) => {
      const response = await list(query);
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      expect(response.body.errors?.map((error) => error.field)).toContain(field);
    });
  });

  describe('cursor', () => {
    let cursor: string;
    beforeAll(async () => {
      cursor = (await list('limit=2&sort=priority')).body.nextCursor ?? '';
      expect(cursor).not.toBe('');
    });

    it('continues the same query', async () => {
      const next = await list(`limit=2&sort=priority&cursor=${encodeURIComponent(cursor)}`);
      expect(next.status).toBe(200);
      expect(next.body.items).toHaveLength(2);
    });

    it('rejects a cursor with any character changed', async () => {
      for (const position of [0, Math.floor(cursor.length / 2), cursor.length - 1]) {
        const replacement = cursor[position] === 'A' ? 'B' : 'A';
        const tampered = cursor.slice(0, position) + replacement + cursor.slice(position + 1);
        const response = await list(`limit=2&sort=priority&cursor=${encodeURIComponent(tampered)}`);
        expect(response.status).toBe(400);
        expect(response.body.errors?.[0]?.field).toBe('cursor');
      }
    });

    it('rejects a forged cursor naming a position of its own', async () => {
      const payload = Buffer.from(JSON.stringify([[1], '00000000-0000-4000-8000-000000000000'])).toString('base64url');
      const forged = `${payload}.${cursor.split('.')[1]}`;
      expect((await list(`limit=2&sort=priority&cursor=${encodeURIComponent(forged)}`)).status).toBe(400);
    });

    it('rejects a cursor made for another sort, other filters or another user', async () => {
      expect((await list(`limit=2&sort=-priority&cursor=${encodeURIComponent(cursor)}`)).status).toBe(400);
      expect((await list(`limit=2&sort=priority&status=todo&cursor=${encodeURIComponent(cursor)}`)).status).toBe(400);
      expect((await listTasks(http, other, `limit=2&sort=priority&cursor=${encodeURIComponent(cursor)}`)).status).toBe(400);
    });

    it('accepts the cursor with another page size', async () => {
      expect((await list(`limit=3&sort=priority&cursor=${encodeURIComponent(cursor)}`)).status).toBe(200);
    });
  });

  describe('paging while tasks are added', () => {
    let user: TestUser;
    let originals: Task[];

    beforeAll(async () => {
      user = await createUser(http);
      originals = [];
      for (let batch = 0; batch < 25; batch++) {
        originals.push(
          ...(await Promise.all(
            Array.from({ length: 10 }, (_, i) =>
              createTask(http, user, {
                title: `task ${batch * 10 + i}`,
                priority: TASK_PRIORITIES[(batch + i) % 4],
                dueDate: i % 3 === 0 ? null : `2030-0${1 + (i % 9)}-1${batch % 10}`,
              }),
            ),
          )),
        );
      }
    }, 120_000);

    it.each(['-createdAt', 'createdAt', 'priority,-dueDate', '-dueDate,title'])(
      'sort=%s: 250 tasks, inserts racing each page, none skipped or repeated',
      async (sort) => {
        let added = 0;
        let inFlight: Promise<unknown> = Promise.resolve();
        const seen = await pageThrough(http, user, `sort=${sort}&limit=9`, async (page) => {
          await inFlight;
          // Started now, finished while the next page is read.
          inFlight = Promise.all(
            [0, 1].map(() => createTask(http, user, { title: `added ${sort} ${page}-${added++}`, priority: 'high', dueDate: page % 2 ? null : '2030-05-05' })),
          );
        });
        await inFlight;
        const ids = seen.map((task) => task.id);
        expect(new Set(ids).size).toBe(ids.length);
        const seenIds = new Set(ids);
        expect(originals.filter((task) => !seenIds.has(task.id))).toEqual([]);
      },
      120_000,
    );
  });
});

/** Due dates ascending (direction 1) or descending (-1), tasks without one last either way. */
function dueOrder(a: Task, b: Task, direction: 1 | -1): number {
  if (a.dueDate === b.dueDate) return 0;
  if (a.dueDate === null) return 1;
  if (b.dueDate === null) return -1;
  return direction * a.dueDate.localeCompare(b.dueDate);
}
