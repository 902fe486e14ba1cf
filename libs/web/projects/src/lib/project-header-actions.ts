import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatSnackBar } from '@angular/material/snack-bar';
import { Router, RouterLink } from '@angular/router';
import type { Project } from '@taskflow/shared-contracts';
import { openMembersDialog } from './members-dialog';
import { ACTIVITY_PATH, PROJECT_PARAM, ProjectScope } from './project-scope';
import { ProjectsStore } from './projects.store';

/** Beside a project's title on the list and the board: its members (with their count) and its activity. */
@Component({
  selector: 'tf-project-header-actions',
  imports: [MatButtonModule, RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { style: 'display: contents' },
  template: `
    @if (scope.current(); as project) {
      <button mat-button type="button" class="tf-members-button" (click)="showMembers(project)">
        Members ({{ project.memberCount }})
      </button>
      @if (scope.path() !== activityPath) {
        <a mat-button [routerLink]="activityPath" queryParamsHandling="preserve">Activity</a>
      }
    }
  `,
})
export class ProjectHeaderActions {
  protected readonly scope = inject(ProjectScope);
  private readonly store = inject(ProjectsStore, { optional: true });
  private readonly dialog = inject(MatDialog);
  private readonly router = inject(Router);
  private readonly snackBar = inject(MatSnackBar);
  protected readonly activityPath = ACTIVITY_PATH;

  protected showMembers(project: Project): void {
    openMembersDialog(this.dialog, project).subscribe((result) => {
      if (!result) return;
      this.store?.list.reload();
      if (result === 'left') {
        void this.router.navigate([this.scope.path()], { queryParams: { [PROJECT_PARAM]: null } });
        this.snackBar.open(`You left “${project.name}”.`, undefined, { duration: 3000 });
      }
    });
  }
}
