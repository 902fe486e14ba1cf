import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { CreateTaskRequest, Task, UpdateTaskRequest } from '@taskflow/shared-contracts';
import { Observable } from 'rxjs';

/** Writes to `/api/tasks` (reads go through `httpResource` in the stores and components). */
@Injectable({ providedIn: 'root' })
export class TasksApi {
  private readonly http = inject(HttpClient);

  create(request: CreateTaskRequest): Observable<Task> {
    return this.http.post<Task>('/api/tasks', request);
  }

  /** PATCH guarded by `If-Match`: the server answers 412 if someone changed the task since `task.version`. */
  update(task: Pick<Task, 'id' | 'version'>, patch: UpdateTaskRequest): Observable<Task> {
    return this.http.patch<Task>(`/api/tasks/${encodeURIComponent(task.id)}`, patch, {
      headers: { 'If-Match': `W/"${task.version}"` },
    });
  }

  /** A fresh copy, e.g. after a 412. */
  get(id: string): Observable<Task> {
    return this.http.get<Task>(`/api/tasks/${encodeURIComponent(id)}`);
  }

  delete(id: string): Observable<void> {
    return this.http.delete<void>(`/api/tasks/${encodeURIComponent(id)}`);
  }
}
