import { DomainError, ErrorCode } from '@taskflow/api-core';
import { randomBytes } from 'node:crypto';
import { openTestDataSource } from '@taskflow/api-testing-db';
import type { DataSource } from 'typeorm';
import { UserEntity } from './user.entity';
import { UsersRepository } from './users.repository';

/** Integration: the real migrations on the run's test database (see api-testing-db's global setup). */
describe('UsersRepository on PostgreSQL', () => {
  let dataSource: DataSource;
  let users: UsersRepository;
  const name = (prefix = 'repo') => `${prefix}_${randomBytes(5).toString('hex')}`;
  const newUser = (username = name()) => ({ username, email: `${username}@example.com`, passwordHash: '$argon2id$fake' });

  beforeAll(async () => {
    dataSource = await openTestDataSource({ entities: [UserEntity] });
    users = new UsersRepository(dataSource.getRepository(UserEntity));
  });
  afterAll(() => dataSource?.destroy());

  async function conflictField(promise: Promise<unknown>): Promise<string | undefined> {
    try {
      await promise;
      return undefined;
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).code).toBe(ErrorCode.Conflict);
      return (error as DomainError).details.field;
    }
  }

  it('inserts a user and returns the row the database made', async () => {
    const input = newUser();
    const user = await users.insert(input);
    expect(user.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(user).toMatchObject({ username: input.username, email: input.email, passwordHash: input.passwordHash, emailVerified: false });
    expect(user.createdAt).toBeInstanceOf(Date);
    expect(await users.findById(user.id)).toMatchObject({ id: user.id, username: input.username });
  });

  it('finds a user by username in any case', async () => {
    const user = await users.insert(newUser(name('MixedCase')));
    expect((await users.findByUsername(user.username.toUpperCase()))?.id).toBe(user.id);
    expect((await users.findByUsername(user.username.toLowerCase()))?.id).toBe(user.id);
    expect(await users.findByUsername(`${user.username}x`)).toBeNull();
  });

  it('turns the unique indexes into a Conflict naming the field', async () => {
    const taken = await users.insert(newUser(name('Taken')));
    expect(await conflictField(users.insert({ ...newUser(), username: taken.username.toUpperCase() }))).toBe('username');
    expect(await conflictField(users.insert({ ...newUser(), email: taken.email.toUpperCase() }))).toBe('email');
  });

  it('lets exactly one of many concurrent inserts of one name (in different cases) win', async () => {
    const base = name('race');
    const variants = [base, base.toUpperCase(), base, base.toUpperCase(), `${base[0]!.toUpperCase()}${base.slice(1)}`, base];
    const results = await Promise.allSettled(variants.map((username, i) => users.insert({ ...newUser(), username, email: `${base}-${i}@example.com` })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(rejected).toHaveLength(variants.length - 1);
    for (const r of rejected) expect(r.reason).toMatchObject({ code: ErrorCode.Conflict, details: { field: 'username' } });
    const [{ count }] = await dataSource.query(`SELECT count(*)::int AS count FROM users WHERE lower(username) = lower($1)`, [base]);
    expect(count).toBe(1);
  });

  it('marks an email verified, and says so only for a user that exists', async () => {
    const user = await users.insert(newUser());
    expect(await users.markEmailVerified(user.id)).toBe(true);
    expect((await users.findById(user.id))?.emailVerified).toBe(true);
    expect(await users.markEmailVerified('00000000-0000-4000-8000-000000000000')).toBe(false);
  });

  it('lets other database errors through unchanged (not as a Conflict)', async () => {
    await expect(users.insert({ ...newUser(), username: 'x'.repeat(40) })).rejects.not.toBeInstanceOf(DomainError);
  });
});
