import { createHash, randomBytes } from 'node:crypto';
import { openTestDataSource } from '@taskflow/api-testing-db';
import type { DataSource } from 'typeorm';
import { SessionsRepository } from './sessions.repository';

/** Integration: the real migrations on the run's test database (see api-testing-db's global setup). */
describe('SessionsRepository on PostgreSQL', () => {
  let dataSource: DataSource;
  let sessions: SessionsRepository;
  const hash = (token: string) => createHash('sha256').update(token).digest();
  const token = () => randomBytes(32).toString('base64url');
  const inDays = (days: number) => new Date(Date.now() + days * 24 * 60 * 60 * 1000);

  beforeAll(async () => {
    dataSource = await openTestDataSource();
    sessions = new SessionsRepository(dataSource);
  });
  afterAll(() => dataSource?.destroy());

  async function newUser(): Promise<string> {
    const name = `sess_${randomBytes(5).toString('hex')}`;
    const rows: { id: string }[] = await dataSource.query(
      `INSERT INTO users (username, email, password_hash) VALUES ($1, $2, 'x') RETURNING id`,
      [name, `${name}@example.com`],
    );
    return rows[0]!.id;
  }

  it('starts a session whose user is active', async () => {
    const userId = await newUser();
    const sessionId = await sessions.createSession(userId, hash(token()), inDays(14));
    expect(sessionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(await sessions.isActive(userId, sessionId)).toBe(true);
    expect(await sessions.isActive(await newUser(), sessionId)).toBe(false);
  });

  it('rotates along a chain, and reports a spent token as reuse', async () => {
    const userId = await newUser();
    const first = token();
    const sessionId = await sessions.createSession(userId, hash(first), inDays(14));
    const second = token();
    expect(await sessions.rotate(hash(first), hash(second), inDays(14))).toEqual({ kind: 'rotated', userId, sessionId });
    const third = token();
    expect(await sessions.rotate(hash(second), hash(third), inDays(14))).toEqual({ kind: 'rotated', userId, sessionId });
    expect(await sessions.rotate(hash(first), hash(token()), inDays(14))).toEqual({ kind: 'reused', sessionId });
    // A reused token stores no successor.
    const [{ count }] = await dataSource.query(`SELECT count(*)::int AS count FROM refresh_tokens WHERE family_id = $1`, [sessionId]);
    expect(count).toBe(3);
  });

  it('answers invalid for an unknown, expired or revoked token', async () => {
    expect(await sessions.rotate(hash('never issued'), hash(token()), inDays(1))).toEqual({ kind: 'invalid' });

    const userId = await newUser();
    const expired = token();
    await sessions.createSession(userId, hash(expired), new Date(Date.now() - 1000));
    expect(await sessions.rotate(hash(expired), hash(token()), inDays(1))).toEqual({ kind: 'invalid' });

    const live = token();
    const sessionId = await sessions.createSession(userId, hash(live), inDays(1));
    await sessions.revokeSession(sessionId);
    expect(await sessions.rotate(hash(live), hash(token()), inDays(1))).toEqual({ kind: 'invalid' });
    expect(await sessions.isActive(userId, sessionId)).toBe(false);
  });

  it('lets exactly one of many concurrent rotations of one token win; the rest see reuse', async () => {
    const userId = await newUser();
    const original = token();
    const sessionId = await sessions.createSession(userId, hash(original), inDays(14));
    const outcomes = await Promise.all(Array.from({ length: 6 }, () => sessions.rotate(hash(original), hash(token()), inDays(14))));
    expect(outcomes.filter((o) => o.kind === 'rotated')).toHaveLength(1);
    expect(outcomes.filter((o) => o.kind === 'reused')).toEqual(Array.from({ length: 5 }, () => ({ kind: 'reused', sessionId })));
  });

  it('revokes by refresh token, whichever token of the family is given', async () => {
    const userId = await newUser();
    const first = token();
    const sessionId = await sessions.createSession(userId, hash(first), inDays(14));
    const second = token();
    await sessions.rotate(hash(first), hash(second), inDays(14));
    expect(await sessions.revokeByRefreshToken(hash(first))).toBe(sessionId);
    expect(await sessions.isActive(userId, sessionId)).toBe(false);
    await expect(sessions.revokeByRefreshToken(hash(second))).resolves.toBeUndefined();
    expect(await sessions.rotate(hash(second), hash(token()), inDays(14))).toEqual({ kind: 'invalid' });
    await expect(sessions.revokeByRefreshToken(hash('unknown'))).resolves.toBeUndefined();
  });

  it('forgets every session of a deleted user', async () => {
    const userId = await newUser();
    const sessionId = await sessions.createSession(userId, hash(token()), inDays(14));
    await dataSource.query(`DELETE FROM users WHERE id = $1`, [userId]);
    expect(await sessions.isActive(userId, sessionId)).toBe(false);
  });
});
