import { OutboxWriter } from '@taskflow/api-events';
import { createEmptyTestDatabase, migrateTestDatabase, openTestDataSource } from '@taskflow/api-testing-db';
import { Client, type Pool, type QueryConfig } from 'pg';
import type { DataSource } from 'typeorm';
import type { SortKey } from './task-sort';
import { TasksRepository, type TaskFilters } from './tasks.repository';

// auto_explain is a server module: PGlite cannot load it.
const onServer = process.env['TASKFLOW_TEST_DATABASE'] === 'postgresql-server';
if (!onServer) console.log('tasks-list.plans.db.spec: skipped, it needs a PostgreSQL server (DATABASE_URL): PGlite has no auto_explain');
const describeOnServer = onServer ? describe : describe.skip;

const PROJECTS = 50;
const USERS = 200;
const TASKS = 100_000;
const READER_PROJECTS = 20;
const PAGE = 20;

/**
 * The list's access paths at the scale issue 15 names (50 shared projects, 200 members, 100,000
 * tasks): a member of 20 projects listing their tasks, and one project's board in position order.
 * The statements are those the repository sends, captured as it sends them, then executed as the
 * API executes them (named, so after five custom plans PostgreSQL keeps the generic one), with
 * auto_explain reporting the plan of each execution. The last (generic) plan must read tasks by
 * index only, and any sort in it must hold at most a page per project, never the projects' tasks.
 */
describeOnServer(`task list plans at scale (${PROJECTS} projects, ${USERS} members, ${TASKS} tasks)`, () => {
  let dispose: () => Promise<void>;
  let url: string;
  let db: DataSource;
  let repository: TasksRepository;
  let readerProjects: string[];
  let board: string;

  beforeAll(async () => {
    const database = await createEmptyTestDatabase();
    ({ url, dispose } = database);
    await migrateTestDatabase(url);
    db = await openTestDataSource({ url, poolSize: 1 });
    repository = new TasksRepository(db, new OutboxWriter(db));
    await seed(db);
    readerProjects = (
      await db.query(
        `SELECT m.project_id AS id FROM project_members m JOIN users u ON u.id = m.user_id
          WHERE u.username = 'plan_1' AND m.project_id IN (SELECT id FROM projects WHERE default_for IS NULL) ORDER BY 1`,
      )
    ).map((row: { id: string }) => row.id);
    board = readerProjects[0] ?? '';
  }, 180_000);
  afterAll(async () => {
    await db?.destroy();
    await dispose?.();
  });

  it('seeds the scale the plans are checked at', async () => {
    const [counts] = await db.query(
      `SELECT (SELECT count(*)::int FROM projects WHERE default_for IS NULL) AS projects,
              (SELECT count(DISTINCT user_id)::int FROM project_members m JOIN projects p ON p.id = m.project_id AND p.default_for IS NULL) AS members,
              (SELECT count(*)::int FROM tasks) AS tasks`,
    );
    expect(counts).toEqual({ projects: PROJECTS, members: USERS, tasks: TASKS });
    expect(readerProjects).toHaveLength(READER_PROJECTS);
  });

  it("lists a member's tasks across 20 projects with an index range per project and a sort of at most a page from each", async () => {
    const sort: SortKey[] = [{ field: 'createdAt', descending: true }];
    const first = await capture(() => repository.list({ projectIds: readerProjects }, sort, undefined, PAGE));
    expect(first.result.total).toBe((TASKS / PROJECTS) * READER_PROJECTS);
    const plan = await genericPlan(first.statement);
    console.log(`A member's tasks across ${READER_PROJECTS} projects, first page, -createdAt:\n${render(plan)}`);
    expectIndexOnly(plan, READER_PROJECTS * (PAGE + 1));

    const next = await capture(() => repository.list({ projectIds: readerProjects }, sort, first.result.next, PAGE));
    const nextPlan = await genericPlan(next.statement);
    console.log(`The same, the page after the first (keyset):\n${render(nextPlan)}`);
    expectIndexOnly(nextPlan, READER_PROJECTS * (PAGE + 1));
  });

  it("reads one project's board in position order as one index range, sorting only the page", async () => {
    const sort: SortKey[] = [{ field: 'position', descending: false }];
    for (const filters of [{ projectIds: [board] }, { projectIds: [board], statuses: ['in_progress'] }] satisfies TaskFilters[]) {
      const { statement } = await capture(() => repository.list(filters, sort, undefined, 100));
      const plan = await genericPlan(statement);
      console.log(`One project's board, sort=position${filters.statuses ? ', status=in_progress' : ''}:\n${render(plan)}`);
      expectIndexOnly(plan, 100 + 1);
    }
  });

  it("finds a member's projects through the membership index", async () => {
    const plan = await genericPlan({
      text: 'SELECT project_id, role FROM project_members WHERE user_id = $1',
      values: [(await db.query(`SELECT id FROM users WHERE username = 'plan_1'`))[0].id],
    });
    console.log(`A member's projects:\n${render(plan)}`);
    expect(plan).toMatchObject({ 'Node Type': 'Index Only Scan', 'Index Name': 'project_members_user_idx' });
  });

  /** The statement the repository sends to the pool while `work` runs (the list is one statement). */
  async function capture<T>(work: () => Promise<T>): Promise<{ result: T; statement: QueryConfig }> {
    const pool = (db.driver as unknown as { master: Pool }).master;
    const statements: QueryConfig[] = [];
    const query = pool.query.bind(pool) as (config: QueryConfig) => Promise<unknown>;
    const spy = jest.spyOn(pool, 'query').mockImplementation(((config: QueryConfig) => {
      if (typeof config === 'object' && config.text?.includes('row_order')) statements.push(config);
      return query(config);
    }) as never);
    try {
      const result = await work();
      expect(statements).toHaveLength(1);
      return { result, statement: statements[0] as QueryConfig };
    } finally {
      spy.mockRestore();
    }
  }

  /** The plan PostgreSQL keeps for the statement as the API runs it: named, executed past its five custom plans. */
  async function genericPlan(statement: QueryConfig): Promise<PlanNode> {
    const client = new Client({ connectionString: url });
    await client.connect();
    const plans: string[] = [];
    client.on('notice', (notice) => plans.push(notice.message ?? ''));
    try {
      await client.query(`LOAD 'auto_explain'`);
      await client.query(
        `SET auto_explain.log_min_duration = 0; SET auto_explain.log_analyze = on; SET auto_explain.log_format = json; SET auto_explain.log_level = notice`,
      );
      for (let run = 0; run < 7; run++) await client.query({ name: 'plan_probe', text: statement.text, values: statement.values });
      const last = plans.at(-1) ?? '';
      const [kept] = (await client.query(`SELECT generic_plans::int AS generic FROM pg_prepared_statements WHERE name = 'plan_probe'`)).rows;
      expect(plans).toHaveLength(7 + 1);
      expect(kept.generic).toBeGreaterThan(0);
      return (JSON.parse(last.slice(last.indexOf('{'))) as { Plan: PlanNode }).Plan;
    } finally {
      await client.end();
    }
  }
});

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Actual Rows': number;
  'Actual Loops': number;
  Plans?: PlanNode[];
}

function nodesOf(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodesOf)];
}

/** The plan as an indented tree of node types, relations, indexes and actual rows (what the note quotes). */
function render(plan: PlanNode, depth = 0): string {
  const on = plan['Index Name'] ? ` using ${plan['Index Name']}` : '';
  const of = plan['Relation Name'] ? ` on ${plan['Relation Name']}` : '';
  const line = `${'  '.repeat(depth)}${plan['Node Type']}${on}${of} (rows=${plan['Actual Rows']} loops=${plan['Actual Loops']})`;
  return [line, ...(plan.Plans ?? []).map((child) => render(child, depth + 1))].join('\n');
}

/** No sequential scan of tasks, tasks read through an index, and every sort over at most `maxSorted` rows. */
function expectIndexOnly(plan: PlanNode, maxSorted: number): void {
  const nodes = nodesOf(plan);
  const onTasks = nodes.filter((node) => node['Relation Name'] === 'tasks');
  expect(onTasks.length).toBeGreaterThan(0);
  for (const node of onTasks) expect(node['Node Type']).toMatch(/^Index (Only )?Scan$/);
  for (const sort of nodes.filter((node) => node['Node Type'] === 'Sort')) {
    expect(sort['Actual Rows'] * sort['Actual Loops']).toBeLessThanOrEqual(maxSorted);
  }
}

/**
 * 200 users, 50 shared projects of 2,000 tasks each; each user a member of five projects (the
 * first user of 20), so 50 projects × about 20 members. Statuses, priorities, positions and
 * creation times spread as a real board's would be.
 */
async function seed(db: DataSource): Promise<void> {
  await db.query(
    `INSERT INTO users (username, email, password_hash) SELECT 'plan_' || g, 'plan_' || g || '@example.com', 'x' FROM generate_series(1, ${USERS}) g`,
  );
  await db.query(`INSERT INTO projects (name) SELECT 'Team ' || g FROM generate_series(1, ${PROJECTS}) g`);
  await db.query(`
    WITH u AS (SELECT id, row_number() OVER (ORDER BY username COLLATE "C") AS n FROM users WHERE username LIKE 'plan\\_%'),
         p AS (SELECT id, row_number() OVER (ORDER BY id) AS n FROM projects WHERE default_for IS NULL)
    INSERT INTO project_members (project_id, user_id, role)
    SELECT p.id, u.id, CASE WHEN (u.n + p.n) % 10 = 0 THEN 'owner' WHEN (u.n + p.n) % 3 = 0 THEN 'viewer' ELSE 'editor' END
      FROM u JOIN p ON CASE WHEN u.n = 1 THEN p.n <= ${READER_PROJECTS} ELSE (p.n - u.n) % ${PROJECTS / 5} = 0 END`);
  await db.query(`
    WITH p AS (SELECT id, row_number() OVER (ORDER BY id) AS n FROM projects WHERE default_for IS NULL)
    INSERT INTO tasks (owner_id, title, description, status, priority, due_date, tags, project_id, position, created_at, updated_at)
    SELECT m.user_id, 'Task ' || g, '', (ARRAY['todo', 'in_progress', 'done'])[1 + g % 3], 1 + g % 4,
           CASE WHEN g % 5 = 0 THEN NULL ELSE date '2027-01-01' + (g % 365) END, ARRAY['t' || (g % 7)],
           p.id, (g / ${PROJECTS}) * 1024.0, now() - g * interval '1 second', now() - g * interval '1 second'
      FROM generate_series(1, ${TASKS}) g
      JOIN p ON p.n = 1 + g % ${PROJECTS}
      CROSS JOIN LATERAL (SELECT user_id FROM project_members WHERE project_id = p.id LIMIT 1) m`);
  await db.query('VACUUM ANALYZE');
}
