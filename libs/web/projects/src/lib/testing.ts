import type { Project } from '@taskflow/shared-contracts';

/** Test data: a project as `GET /api/projects` returns it. */
export const aProject = (id: string, patch: Partial<Project> = {}): Project => ({
  id,
  name: `Project ${id}`,
  description: '',
  role: 'owner',
  isDefault: false,
  memberCount: 1,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  version: 1,
  ...patch,
});
