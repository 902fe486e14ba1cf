import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { CreateProjectRequest, Project, UpdateProjectRequest } from '@taskflow/shared-contracts';
import { Observable } from 'rxjs';

/** Writes to `/api/projects` (the list is read through `httpResource` in `ProjectsStore`). */
@Injectable({ providedIn: 'root' })
export class ProjectsApi {
  private readonly http = inject(HttpClient);

  create(request: CreateProjectRequest): Observable<Project> {
    return this.http.post<Project>('/api/projects', request);
  }

  /** Guarded by `If-Match`: 412 when someone renamed it since `project.version`. */
  update(project: Pick<Project, 'id' | 'version'>, patch: UpdateProjectRequest): Observable<Project> {
    return this.http.patch<Project>(`/api/projects/${encodeURIComponent(project.id)}`, patch, {
      headers: { 'If-Match': `W/"${project.version}"` },
    });
  }

  delete(id: string): Observable<void> {
    return this.http.delete<void>(`/api/projects/${encodeURIComponent(id)}`);
  }
}
