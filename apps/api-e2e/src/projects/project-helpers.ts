import { createUser, type HttpClient, type TestUser } from '@taskflow/api-testing';
import type { Member, Project, ProjectRole, Task } from '@taskflow/shared-contracts';

export async function createProject(http: HttpClient, user: TestUser, name = 'Shared'): Promise<Project> {
  const response = await http.post<Project>('/api/projects', { token: user.accessToken, json: { name } });
  if (response.status !== 201) throw new Error(`project create failed: ${response.status} ${response.text}`);
  return response.body;
}

export async function addMember(http: HttpClient, owner: TestUser, projectId: string, member: TestUser, role: ProjectRole): Promise<Member> {
  const response = await http.post<Member>(`/api/projects/${projectId}/members`, { token: owner.accessToken, json: { username: member.username, role } });
  if (response.status !== 201) throw new Error(`add member failed: ${response.status} ${response.text}`);
  return response.body;
}

export async function createTaskIn(http: HttpClient, user: TestUser, projectId: string, fields: Record<string, unknown> = {}): Promise<Task> {
  const response = await http.post<Task>('/api/tasks', { token: user.accessToken, json: { title: 'A task', projectId, ...fields } });
  if (response.status !== 201) throw new Error(`task create failed: ${response.status} ${response.text}`);
  return response.body;
}

export interface Team {
  owner: TestUser;
  editor: TestUser;
  viewer: TestUser;
  outsider: TestUser;
  project: Project;
}

/** A shared project with one member of each role, and a user who is in none of it. */
export async function createTeam(http: HttpClient, name = 'Team'): Promise<Team> {
  const [owner, editor, viewer, outsider] = await Promise.all([createUser(http), createUser(http), createUser(http), createUser(http)]);
  const project = await createProject(http, owner, name);
  await addMember(http, owner, project.id, editor, 'editor');
  await addMember(http, owner, project.id, viewer, 'viewer');
  return { owner, editor, viewer, outsider, project };
}

export async function defaultProjectId(http: HttpClient, user: TestUser): Promise<string> {
  const response = await http.get<{ defaultProjectId: string }>('/api/users/me', { token: user.accessToken });
  return response.body.defaultProjectId;
}

export const MISSING_ID = '00000000-0000-4000-8000-000000000000';
