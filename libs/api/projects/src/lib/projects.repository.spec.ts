import { OutboxWriter } from '@taskflow/api-events';
import { openTestDataSource } from '@taskflow/api-testing-db';
import type { DataSource } from 'typeorm';
import { ProjectsRepository } from './projects.repository';

/** The owner rules where races decide them: on the run's migrated database. */
describe('ProjectsRepository (on the test database)', () => {
  let db: DataSource;
  let repository: ProjectsRepository;

  beforeAll(async () => {
    db = await openTestDataSource({ poolSize: 3 });
    repository = new ProjectsRepository(db, new OutboxWriter(db));
  });
  afterAll(() => db?.destroy());

  const user = async () => {
    const name = `repo_${Math.random().toString(36).slice(2, 12)}`;
    const [row] = await db.query(`INSERT INTO users (username, email, password_hash) VALUES ($1, $2, 'x') RETURNING id`, [name, `${name}@example.com`]);
    return row.id as string;
  };

  it('lets exactly one of two owners demoting each other at once succeed, so an owner is always left', async () => {
    const [a, b] = [await user(), await user()];
    const project = await repository.insert(a, 'Race', '');
    await repository.addMember(a, project.id, b, 'owner');
    const outcomes = await Promise.all([repository.changeRole(a, project.id, a, 'viewer'), repository.changeRole(b, project.id, b, 'viewer')]);
    expect(outcomes.map((o) => o.outcome).sort()).toEqual(['changed', 'last_owner']);
    const owners = (await repository.members(project.id)).filter((m) => m.role === 'owner');
    expect(owners).toHaveLength(1);
  });

  it('refuses to delete a default project and reports the members of one it deletes', async () => {
    const a = await user();
    const [inbox] = await db.query('SELECT id FROM projects WHERE default_for = $1', [a]);
    expect(await repository.delete(a, inbox.id)).toBeUndefined();
    const project = await repository.insert(a, 'Gone', '');
    expect(await repository.delete(a, project.id)).toEqual([a]);
    expect(await repository.findFor(a, project.id)).toBeUndefined();
  });

  it('keeps one membership per user and project: a second add reports undefined', async () => {
    const [a, b] = [await user(), await user()];
    const project = await repository.insert(a, 'Once', '');
    expect(await repository.addMember(a, project.id, b, 'viewer')).toMatchObject({ userId: b, role: 'viewer' });
    expect(await repository.addMember(a, project.id, b, 'editor')).toBeUndefined();
    expect((await repository.listFor(b)).map((p) => [p.isDefault, p.role])).toEqual([[true, 'owner'], [false, 'viewer']]);
  });

  it('gives up on a project whose every compare-and-set loses, reporting contended with the project as it was', async () => {
    const a = await user();
    const project = await repository.insert(a, 'Hot', '');
    // A writer that always wins the race: every UPDATE of this one project is skipped, so each
    // attempt reads version 1 and finds it gone by the time it writes.
    const trigger = `lose_${project.id.replace(/-/g, '')}`;
    await db.query(`CREATE FUNCTION ${trigger}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$`);
    await db.query(`CREATE TRIGGER ${trigger} BEFORE UPDATE ON projects FOR EACH ROW WHEN (OLD.id = '${project.id}') EXECUTE FUNCTION ${trigger}()`);
    try {
      expect(await repository.update(a, project.id, undefined, { name: 'Renamed' })).toEqual({ outcome: 'contended' });
    } finally {
      await db.query(`DROP TRIGGER ${trigger} ON projects`);
      await db.query(`DROP FUNCTION ${trigger}()`);
    }
    expect(await repository.findFor(a, project.id)).toMatchObject({ name: 'Hot', version: 1 });
    expect(await repository.update(a, project.id, [1], { name: 'Renamed' })).toMatchObject({ outcome: 'updated', project: { name: 'Renamed', version: 2 } });
  });
});
