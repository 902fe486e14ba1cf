import type { ProjectRole } from '@taskflow/shared-contracts';

const RANK: Record<ProjectRole, number> = { viewer: 1, editor: 2, owner: 3 };

/** Roles are nested: an owner may do what an editor may, an editor what a viewer may. */
export const allows = (role: ProjectRole, needed: ProjectRole) => RANK[role] >= RANK[needed];

export const ROLE_RULES = 'viewer: read and comment; editor: also create, change, move and delete tasks; owner: also rename or delete the project and manage members.';
