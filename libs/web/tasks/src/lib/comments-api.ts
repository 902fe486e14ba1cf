import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Comment } from '@taskflow/shared-contracts';
import { Observable } from 'rxjs';

/** Comment writes (the thread is read through `httpResource` in `TaskComments`). */
@Injectable({ providedIn: 'root' })
export class CommentsApi {
  private readonly http = inject(HttpClient);

  add(taskId: string, body: string): Observable<Comment> {
    return this.http.post<Comment>(`/api/tasks/${encodeURIComponent(taskId)}/comments`, { body });
  }

  edit(id: string, body: string): Observable<Comment> {
    return this.http.patch<Comment>(`/api/comments/${encodeURIComponent(id)}`, { body });
  }

  delete(id: string): Observable<void> {
    return this.http.delete<void>(`/api/comments/${encodeURIComponent(id)}`);
  }
}
