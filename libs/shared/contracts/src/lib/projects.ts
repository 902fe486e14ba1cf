export const PROJECT_ROLES = ['owner', 'editor', 'viewer'] as const;
export type ProjectRole = (typeof PROJECT_ROLES)[number];

export const PROJECT_NAME_MAX_LENGTH = 100;
export const PROJECT_DESCRIPTION_MAX_LENGTH = 2_000;
export const DEFAULT_PROJECT_NAME = 'Inbox';

export interface Project {
  id: string;
  name: string;
  description: string;
  /** The caller's own role. */
  role: ProjectRole;
  /** The caller's private default project (Inbox). */
  isDefault: boolean;
  memberCount: number;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface ProjectList {
  items: Project[];
}

export interface CreateProjectRequest {
  name: string;
  description?: string;
}

export type UpdateProjectRequest = Partial<CreateProjectRequest>;

export interface Member {
  userId: string;
  username: string;
  role: ProjectRole;
  addedAt: string;
}

export interface MemberList {
  items: Member[];
}

export interface AddMemberRequest {
  username: string;
  role: ProjectRole;
}

export interface UpdateMemberRequest {
  role: ProjectRole;
}
