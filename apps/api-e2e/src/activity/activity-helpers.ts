import type { ActivityList, Task } from '@taskflow/shared-contracts';
import type { HttpClient, TestApp, TestUser } from '@taskflow/api-testing';
import { ACTIVITY_CONSUMER } from '@taskflow/api-activity';
import { EventLog } from '@taskflow/api-events';

export async function createTask(http: HttpClient, user: TestUser, fields: Record<string, unknown> = {}): Promise<Task> {
  const response = await http.post<Task>('/api/tasks', { token: user.accessToken, json: { title: 'A task', ...fields } });
  if (response.status !== 201) throw new Error(`create failed: ${response.status} ${response.text}`);
  return response.body;
}

export function getActivity(http: HttpClient, user: TestUser, taskId: string) {
  return http.get<ActivityList>(`/api/tasks/${taskId}/activity`, { token: user.accessToken });
}

/** Events of these tasks the activity consumer has not stored yet. */
export async function pendingInOutbox(testApp: TestApp, taskIds: string[]): Promise<number> {
  const log = testApp.app.get(EventLog);
  let pending = 0;
  for (const taskId of taskIds) pending += (await log.pending(ACTIVITY_CONSUMER, undefined, { aggregateId: taskId }, 1_000)).length;
  return pending;
}

export async function eventually(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
