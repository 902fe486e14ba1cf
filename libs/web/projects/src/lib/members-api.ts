import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { AddMemberRequest, Member, MemberList, ProjectRole } from '@taskflow/shared-contracts';
import { Observable } from 'rxjs';

/** `/api/projects/:id/members`: the list and the owner's writes (a member may also remove themself: leave). */
@Injectable({ providedIn: 'root' })
export class MembersApi {
  private readonly http = inject(HttpClient);

  list(projectId: string): Observable<MemberList> {
    return this.http.get<MemberList>(membersUrl(projectId));
  }

  add(projectId: string, request: AddMemberRequest): Observable<Member> {
    return this.http.post<Member>(membersUrl(projectId), request);
  }

  changeRole(projectId: string, userId: string, role: ProjectRole): Observable<Member> {
    return this.http.patch<Member>(`${membersUrl(projectId)}/${encodeURIComponent(userId)}`, { role });
  }

  remove(projectId: string, userId: string): Observable<void> {
    return this.http.delete<void>(`${membersUrl(projectId)}/${encodeURIComponent(userId)}`);
  }
}

const membersUrl = (projectId: string) => `/api/projects/${encodeURIComponent(projectId)}/members`;
