import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterOutlet } from '@angular/router';
import { ProjectSidebar } from './project-sidebar';
import { ProjectsStore } from './projects.store';

/** The task screens with the projects sidebar beside them (above them on a narrow screen). */
@Component({
  selector: 'tf-projects-layout',
  imports: [RouterOutlet, ProjectSidebar],
  providers: [ProjectsStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <tf-project-sidebar class="tf-sidebar" />
    <div class="tf-content"><router-outlet /></div>
  `,
  styles: `
    :host { display: grid; grid-template-columns: 240px minmax(0, 1fr); gap: 16px; align-items: start; }
    .tf-sidebar { position: sticky; top: 8px; padding-top: 16px; }
    .tf-content { min-width: 0; }
    @media (max-width: 720px) {
      :host { grid-template-columns: minmax(0, 1fr); gap: 0; }
      .tf-sidebar { position: static; border-bottom: 1px solid var(--mat-sys-outline-variant); padding-bottom: 8px; }
    }
  `,
})
export class ProjectsLayout {}
