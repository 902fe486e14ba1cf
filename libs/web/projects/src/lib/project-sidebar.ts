import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatMenuModule } from '@angular/material/menu';
import { MatSnackBar } from '@angular/material/snack-bar';
import { Router, RouterLink } from '@angular/router';
import { PROJECT_NAME_MAX_LENGTH, Project } from '@taskflow/shared-contracts';
import { openConfirmDialog } from '@taskflow/web-ui';
import { openMembersDialog } from './members-dialog';
import { describeProjectError } from './project-errors';
import { ACTIVITY_PATH, PROJECT_PARAM, ProjectScope, selectionParam } from './project-scope';
import { ProjectsStore } from './projects.store';

/**
 * The projects sidebar: All tasks, My tasks, then the projects (Inbox first); create. Each project's
 * menu opens its members and its activity; owners also rename and delete there.
 */
@Component({
  selector: 'tf-project-sidebar',
  imports: [RouterLink, MatButtonModule, MatFormFieldModule, MatInputModule, MatMenuModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <nav class="tf-projects" aria-labelledby="tf-projects-heading">
      <h2 id="tf-projects-heading">Projects</h2>
      <ul class="tf-project-list">
        <li><a class="tf-project-link" [routerLink]="scope.path()" [queryParams]="query(null)" [attr.aria-current]="current() === null ? 'page' : null">All tasks</a></li>
        <li><a class="tf-project-link" [routerLink]="scope.path()" [queryParams]="query('mine')" [attr.aria-current]="current() === 'mine' ? 'page' : null">My tasks</a></li>
        @for (project of store.projects(); track project.id) {
          <li class="tf-project" [attr.data-project-id]="project.id">
            @if (renaming() === project.id) {
              <form class="tf-rename" (submit)="$event.preventDefault(); rename(project, nameInput.value)">
                <mat-form-field appearance="outline" subscriptSizing="dynamic">
                  <mat-label>New name</mat-label>
                  <input #nameInput matInput name="name" [value]="project.name" [attr.maxlength]="nameMax" (keydown.escape)="renaming.set(null)" />
                </mat-form-field>
                <button mat-button type="submit">Save</button>
                <button mat-button type="button" (click)="renaming.set(null)">Cancel</button>
              </form>
            } @else {
              <a class="tf-project-link" [routerLink]="scope.path()" [queryParams]="query(project.id)" [attr.aria-current]="current() === project.id ? 'page' : null">
                <span class="tf-project-name">{{ project.name }}</span>
                @if (project.role === 'viewer') {
                  <span class="tf-role">view only</span>
                }
              </a>
              <button mat-button type="button" class="tf-project-actions" [matMenuTriggerFor]="actions" [attr.aria-label]="'Actions for ' + project.name">⋯</button>
              <mat-menu #actions="matMenu">
                <button mat-menu-item type="button" (click)="showMembers(project)">Members</button>
                <a mat-menu-item [routerLink]="activityPath" [queryParams]="query(project.id)">Activity</a>
                @if (project.role === 'owner') {
                  <button mat-menu-item type="button" (click)="renaming.set(project.id)">Rename</button>
                  @if (!project.isDefault) {
                    <button mat-menu-item type="button" (click)="remove(project)">Delete</button>
                  }
                }
              </mat-menu>
            }
          </li>
        }
      </ul>
      @if (store.error()) {
        <p class="tf-projects-error" role="alert">Could not load your projects: {{ store.error() }}</p>
      }
      <form class="tf-new-project" (submit)="$event.preventDefault(); create(newInput)">
        <mat-form-field appearance="outline" subscriptSizing="dynamic">
          <mat-label>New project</mat-label>
          <input #newInput matInput name="projectName" [attr.maxlength]="nameMax" (input)="newName.set(newInput.value)" />
        </mat-form-field>
        <button mat-stroked-button type="submit" [disabled]="!newName().trim()">Create</button>
      </form>
    </nav>
  `,
  styles: `
    :host { display: block; }
    h2 { font: var(--mat-sys-title-small); margin: 0 0 8px; padding: 0 12px; }
    .tf-project-list { list-style: none; margin: 0 0 12px; padding: 0; }
    .tf-project-list li { display: flex; align-items: center; gap: 4px; }
    .tf-project-link {
      flex: 1; min-width: 0; display: flex; gap: 8px; align-items: center; padding: 8px 12px; border-radius: 20px;
      color: var(--mat-sys-on-surface); text-decoration: none; font: var(--mat-sys-label-large);
    }
    .tf-project-link:hover { background: var(--mat-sys-surface-container-high); }
    .tf-project-link[aria-current='page'] { background: var(--mat-sys-secondary-container); color: var(--mat-sys-on-secondary-container); }
    .tf-project-name { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
    .tf-role { font: var(--mat-sys-label-small); color: var(--mat-sys-on-surface-variant); white-space: nowrap; }
    .tf-project-actions { min-width: 40px; }
    .tf-rename, .tf-new-project { display: flex; flex-wrap: wrap; gap: 4px; align-items: center; padding: 0 4px; }
    .tf-rename mat-form-field, .tf-new-project mat-form-field { flex: 1 1 140px; }
    .tf-projects-error { padding: 8px 12px; color: var(--mat-sys-error); }
  `,
})
export class ProjectSidebar {
  protected readonly scope = inject(ProjectScope);
  protected readonly store = inject(ProjectsStore);
  private readonly router = inject(Router);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);

  protected readonly nameMax = PROJECT_NAME_MAX_LENGTH;
  protected readonly activityPath = ACTIVITY_PATH;
  protected readonly renaming = signal<string | null>(null);
  protected readonly newName = signal('');
  protected readonly current = () => selectionParam(this.scope.selection());

  protected query(value: string | null): Record<string, string | null> {
    return { [PROJECT_PARAM]: value };
  }

  protected create(input: HTMLInputElement): void {
    const name = input.value.trim();
    if (!name) return;
    this.store.create({ name }).subscribe({
      next: (project) => {
        input.value = '';
        this.newName.set('');
        this.select(project.id);
        this.snackBar.open(`Created “${project.name}”.`, undefined, { duration: 3000 });
      },
      error: (error: unknown) => this.snackBar.open(`Could not create the project: ${describeProjectError(error)}`, 'OK', { duration: 8000 }),
    });
  }

  protected rename(project: Project, value: string): void {
    const name = value.trim();
    if (!name || name === project.name) {
      this.renaming.set(null);
      return;
    }
    this.store.rename(project, name).subscribe({
      next: () => this.renaming.set(null),
      error: (error: unknown) => this.snackBar.open(`Could not rename “${project.name}”: ${describeProjectError(error)}`, 'OK', { duration: 8000 }),
    });
  }

  protected remove(project: Project): void {
    openConfirmDialog(this.dialog, {
      title: `Delete “${project.name}”?`,
      message: `The project and all its tasks and comments will be deleted for every member. This cannot be undone.`,
      confirmLabel: 'Delete project',
    }).subscribe((confirmed) => {
      if (!confirmed) return;
      this.store.delete(project).subscribe({
        next: () => {
          if (this.current() === project.id) this.select(null);
          this.snackBar.open(`Deleted “${project.name}”.`, undefined, { duration: 3000 });
        },
        error: (error: unknown) => this.snackBar.open(`Could not delete “${project.name}”: ${describeProjectError(error)}`, 'OK', { duration: 8000 }),
      });
    });
  }

  protected showMembers(project: Project): void {
    openMembersDialog(this.dialog, project).subscribe((result) => {
      if (!result) return;
      // Member counts and, after leaving or a change of one's own role, the project list itself.
      this.store.list.reload();
      if (result === 'left') {
        if (this.current() === project.id) this.select(null);
        this.snackBar.open(`You left “${project.name}”.`, undefined, { duration: 3000 });
      }
    });
  }

  private select(id: string | null): void {
    void this.router.navigate([this.scope.path()], { queryParams: this.query(id) });
  }
}
