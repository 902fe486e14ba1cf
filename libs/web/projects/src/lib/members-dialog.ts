import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialog, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelect, MatSelectModule } from '@angular/material/select';
import { PROJECT_ROLES, USERNAME_MAX_LENGTH, type Member, type Project, type ProjectRole } from '@taskflow/shared-contracts';
import { CURRENT_USER_ID } from '@taskflow/web-auth';
import { InitialsAvatar, describeHttpError, openConfirmDialog } from '@taskflow/web-ui';
import { Observable, map } from 'rxjs';
import { MemberAction, describeMemberError } from './member-errors';
import { MembersApi } from './members-api';
import { ProjectMembers } from './project-members';

export const ROLE_LABELS: Record<ProjectRole, string> = { owner: 'Owner', editor: 'Editor', viewer: 'Viewer' };
export const ROLE_HINTS: Record<ProjectRole, string> = {
  owner: 'manages the project and its members',
  editor: 'adds and changes tasks',
  viewer: 'reads and comments',
};

/** What the dialog closes with: `left` when the caller left the project, `changed` after any other write. */
export type MembersDialogResult = 'left' | 'changed' | undefined;

/** The members of a project: everyone sees who is in it; owners add, change roles and remove; anyone may leave. */
@Component({
  selector: 'tf-members-dialog',
  imports: [MatDialogModule, MatButtonModule, MatFormFieldModule, MatInputModule, MatSelectModule, InitialsAvatar],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>Members of “{{ project.name }}”</h2>
    <mat-dialog-content>
      @if (project.isDefault) {
        <p class="tf-note" role="note">Your Inbox is private: it cannot be shared. Create a project to work on tasks with others.</p>
      } @else if (!isOwner()) {
        <p class="tf-note" role="note">You are {{ project.role === 'editor' ? 'an editor' : 'a viewer' }} here. Only an owner can add members or change roles.</p>
      }
      @if (message()) {
        <p class="tf-dialog-message" role="alert">{{ message() }}</p>
      }
      @if (loadError()) {
        <p class="tf-dialog-message" role="alert">Could not load the members: {{ loadError() }}</p>
      } @else if (!members()) {
        <p>Loading members…</p>
      } @else {
        <ul class="tf-members" aria-label="Members">
          @for (member of members(); track member.userId) {
            <li class="tf-member" [attr.data-username]="member.username">
              <tf-initials-avatar [name]="member.username" [seed]="member.userId" />
              <span class="tf-member-name">
                {{ member.username }}
                @if (member.userId === me()) {
                  <span class="tf-you">(you)</span>
                }
              </span>
              @if (isOwner()) {
                <mat-form-field appearance="outline" subscriptSizing="dynamic" class="tf-role-field">
                  <mat-select
                    [value]="member.role"
                    [disabled]="busy()"
                    (selectionChange)="changeRole(member, $event.value, $event.source)"
                    [aria-label]="'Role of ' + member.username"
                  >
                    @for (role of roles; track role) {
                      <mat-option [value]="role">{{ roleLabels[role] }}</mat-option>
                    }
                  </mat-select>
                </mat-form-field>
              } @else {
                <span class="tf-role">{{ roleLabels[member.role] }}</span>
              }
              @if (member.userId === me()) {
                @if (!project.isDefault) {
                  <button mat-button type="button" class="tf-danger-text" [disabled]="busy()" (click)="leave(member)">Leave</button>
                }
              } @else if (isOwner()) {
                <button mat-button type="button" class="tf-danger-text" [disabled]="busy()" (click)="remove(member)" [attr.aria-label]="'Remove ' + member.username">
                  Remove
                </button>
              }
            </li>
          }
        </ul>
      }
      @if (isOwner() && !project.isDefault) {
        <form class="tf-add-member" (submit)="$event.preventDefault(); add()" aria-labelledby="tf-add-member-heading">
          <h3 id="tf-add-member-heading">Add a member</h3>
          <div class="tf-add-row">
            <mat-form-field appearance="outline" subscriptSizing="dynamic" class="tf-username">
              <mat-label>Username</mat-label>
              <input matInput name="username" autocomplete="off" [attr.maxlength]="usernameMax" [value]="username()" (input)="username.set($any($event.target).value)" />
            </mat-form-field>
            <mat-form-field appearance="outline" subscriptSizing="dynamic" class="tf-new-role">
              <mat-label>Role</mat-label>
              <mat-select [value]="newRole()" (selectionChange)="newRole.set($event.value)">
                @for (role of roles; track role) {
                  <mat-option [value]="role">{{ roleLabels[role] }}</mat-option>
                }
              </mat-select>
            </mat-form-field>
            <button mat-flat-button type="submit" [disabled]="busy() || !username().trim()">Add</button>
          </div>
          <p class="tf-hint">{{ roleLabels[newRole()] }}: {{ roleHints[newRole()] }}.</p>
        </form>
      }
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" [mat-dialog-close]="result()">Close</button>
    </mat-dialog-actions>
  `,
  styles: `
    .tf-members { list-style: none; margin: 0; padding: 0; }
    .tf-member { display: flex; align-items: center; gap: 12px; padding: 6px 0; border-bottom: 1px solid var(--mat-sys-outline-variant); flex-wrap: wrap; }
    .tf-member-name { flex: 1 1 120px; min-width: 0; overflow-wrap: anywhere; font: var(--mat-sys-body-large); }
    .tf-you, .tf-role, .tf-hint { color: var(--mat-sys-on-surface-variant); font: var(--mat-sys-body-medium); }
    .tf-role-field { width: 140px; }
    .tf-add-member h3 { font: var(--mat-sys-title-small); margin: 20px 0 8px; }
    .tf-add-row { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; }
    .tf-username { flex: 1 1 180px; }
    .tf-new-role { width: 140px; }
    .tf-hint { margin: 6px 0 0; }
    .tf-note { margin: 0 0 12px; color: var(--mat-sys-on-surface-variant); }
    .tf-dialog-message { margin: 0 0 12px; padding: 12px; border-radius: 8px; background: var(--mat-sys-error-container); color: var(--mat-sys-on-error-container); }
    .tf-danger-text { color: var(--mat-sys-error); }
  `,
})
export class MembersDialog {
  private readonly api = inject(MembersApi);
  private readonly directory = inject(ProjectMembers);
  private readonly dialog = inject(MatDialog);
  private readonly dialogRef = inject<MatDialogRef<MembersDialog, MembersDialogResult>>(MatDialogRef);
  protected readonly project = inject<Project>(MAT_DIALOG_DATA);
  protected readonly me = inject(CURRENT_USER_ID);

  protected readonly roles = PROJECT_ROLES;
  protected readonly roleLabels = ROLE_LABELS;
  protected readonly roleHints = ROLE_HINTS;
  protected readonly usernameMax = USERNAME_MAX_LENGTH;

  protected readonly members = this.directory.of(this.project.id);
  private readonly membersError = this.directory.errorOf(this.project.id);
  protected readonly loadError = computed(() => (this.membersError() && !this.members() ? describeHttpError(this.membersError()) : ''));
  protected readonly isOwner = computed(() => this.project.role === 'owner');
  protected readonly username = signal('');
  protected readonly newRole = signal<ProjectRole>('editor');
  protected readonly message = signal('');
  protected readonly busy = signal(false);
  /** `changed` once a write succeeded, so the sidebar reloads even when closed with Escape. */
  readonly result = signal<MembersDialogResult>(undefined);

  protected add(): void {
    const username = this.username().trim();
    if (!username) return;
    this.run('add', this.api.add(this.project.id, { username, role: this.newRole() }), { username }, () => this.username.set(''));
  }

  protected changeRole(member: Member, role: ProjectRole, select: MatSelect): void {
    if (role === member.role) return;
    this.run('change-role', this.api.changeRole(this.project.id, member.userId, role), { username: member.username }, undefined, () => {
      // Refused: the select goes back to the role the member still has (its binding did not change).
      select.value = member.role;
    });
  }

  protected remove(member: Member): void {
    openConfirmDialog(this.dialog, {
      title: `Remove ${member.username}?`,
      message: `${member.username} will no longer see “${this.project.name}”. Tasks assigned to them here become unassigned.`,
      confirmLabel: 'Remove',
    }).subscribe((confirmed) => {
      if (confirmed) this.run('remove', this.api.remove(this.project.id, member.userId), { username: member.username });
    });
  }

  protected leave(member: Member): void {
    openConfirmDialog(this.dialog, {
      title: `Leave “${this.project.name}”?`,
      message: 'You will no longer see this project or its tasks, unless an owner adds you again. Tasks assigned to you here become unassigned.',
      confirmLabel: 'Leave project',
    }).subscribe((confirmed) => {
      if (!confirmed) return;
      this.busy.set(true);
      this.message.set('');
      this.api.remove(this.project.id, member.userId).subscribe({
        next: () => this.dialogRef.close('left'),
        error: (error: unknown) => {
          this.busy.set(false);
          this.message.set(describeMemberError('leave', error));
        },
      });
    });
  }

  private run(action: MemberAction, request: Observable<unknown>, context: { username: string }, done?: () => void, refused?: () => void): void {
    this.busy.set(true);
    this.message.set('');
    request.subscribe({
      next: () => {
        this.busy.set(false);
        this.result.set('changed');
        done?.();
        this.directory.reload(this.project.id);
      },
      error: (error: unknown) => {
        this.busy.set(false);
        this.message.set(describeMemberError(action, error, { ...context, isDefault: this.project.isDefault }));
        refused?.();
        this.directory.reload(this.project.id);
      },
    });
  }
}

export function openMembersDialog(dialog: MatDialog, project: Project): Observable<MembersDialogResult> {
  const ref = dialog.open<MembersDialog, Project, MembersDialogResult>(MembersDialog, {
    data: project,
    width: '560px',
    maxWidth: '100vw',
    autoFocus: 'first-tabbable',
  });
  const instance = ref.componentInstance;
  // Closed with Escape or the backdrop: still report a change made before.
  return ref.afterClosed().pipe(map((result) => result ?? instance.result()));
}
