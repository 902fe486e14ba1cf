import type { ProjectRole } from '@taskflow/shared-contracts';

/** A project as the caller sees it: its row plus the caller's role and the member count. */
export interface ProjectRecord {
  id: string;
  name: string;
  description: string;
  role: ProjectRole;
  isDefault: boolean;
  memberCount: number;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

export interface MemberRecord {
  userId: string;
  username: string;
  role: ProjectRole;
  addedAt: Date;
}
