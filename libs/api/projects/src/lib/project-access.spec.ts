import { DomainError, ErrorCode } from '@taskflow/api-core';
import type { AccessCache } from './access-cache';
import type { Membership, MembershipsRepository } from './memberships.repository';
import { ProjectAccess } from './project-access';

const PROJECT = '11111111-1111-4111-8111-111111111111';
const OTHER = '22222222-2222-4222-8222-222222222222';

function accessWith(memberships: Membership[], resources: { task?: string; comment?: { projectId: string; authorId: string } } = {}) {
  const repository = {
    of: jest.fn().mockResolvedValue(memberships),
    projectOfTask: jest.fn().mockResolvedValue(resources.task),
    projectOfComment: jest.fn().mockResolvedValue(resources.comment),
  };
  const cache = { memberships: (_: string, load: () => Promise<Membership[]>) => load() };
  return new ProjectAccess(repository as unknown as MembershipsRepository, cache as unknown as AccessCache);
}

const code = (promise: Promise<unknown>) => promise.then(() => 'granted', (error: DomainError) => (error instanceof DomainError ? error.code : 'crashed'));

describe('ProjectAccess', () => {
  it.each([
    ['viewer', 'viewer', 'granted'],
    ['viewer', 'editor', ErrorCode.Forbidden],
    ['editor', 'editor', 'granted'],
    ['editor', 'owner', ErrorCode.Forbidden],
    ['owner', 'owner', 'granted'],
    ['owner', 'viewer', 'granted'],
  ] as const)('a %s asking for %s is %s', async (role, needed, outcome) => {
    const access = accessWith([{ projectId: PROJECT, role, isDefault: false }]);
    expect(await code(access.require('user', PROJECT, needed))).toBe(outcome);
  });

  it('answers not found, never forbidden, to a non-member, whatever the role asked for', async () => {
    const access = accessWith([{ projectId: OTHER, role: 'owner', isDefault: true }]);
    for (const needed of ['viewer', 'editor', 'owner'] as const) expect(await code(access.require('user', PROJECT, needed))).toBe(ErrorCode.NotFound);
  });

  it('finds the project of a task or comment, and a missing one is not found', async () => {
    const member = [{ projectId: PROJECT, role: 'viewer' as const, isDefault: false }];
    expect(await code(accessWith(member, { task: PROJECT }).requireFor('task', 'user', 't', 'viewer'))).toBe('granted');
    expect(await code(accessWith(member).requireFor('task', 'user', 't', 'viewer'))).toBe(ErrorCode.NotFound);
    expect(await code(accessWith(member).requireFor('comment', 'user', 'c', 'viewer'))).toBe(ErrorCode.NotFound);
  });

  it('applies the comment author rules after membership', async () => {
    const comment = { projectId: PROJECT, authorId: 'author' };
    const as = (role: 'viewer' | 'owner') => accessWith([{ projectId: PROJECT, role, isDefault: false }], { comment });
    expect(await code(as('viewer').requireFor('comment', 'author', 'c', 'viewer', 'author'))).toBe('granted');
    expect(await code(as('owner').requireFor('comment', 'someone', 'c', 'viewer', 'author'))).toBe(ErrorCode.Forbidden);
    expect(await code(as('owner').requireFor('comment', 'someone', 'c', 'viewer', 'author-or-owner'))).toBe('granted');
    expect(await code(as('viewer').requireFor('comment', 'someone', 'c', 'viewer', 'author-or-owner'))).toBe(ErrorCode.Forbidden);
    expect(await code(accessWith([], { comment }).requireFor('comment', 'author', 'c', 'viewer', 'author'))).toBe(ErrorCode.NotFound);
  });
});
