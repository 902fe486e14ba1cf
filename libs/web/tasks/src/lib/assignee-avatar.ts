import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import type { Task } from '@taskflow/shared-contracts';
import { ProjectMembers } from '@taskflow/web-projects';
import { InitialsAvatar } from '@taskflow/web-ui';

/** The initials of a task's assignee on its card or row; nothing when unassigned. */
@Component({
  selector: 'tf-assignee-avatar',
  imports: [InitialsAvatar],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (task().assigneeId; as id) {
      <tf-initials-avatar [name]="name() ?? '?'" [seed]="id" [label]="name() ? 'Assigned to ' + name() : 'Assigned'" />
    }
  `,
  styles: `:host { display: contents; }`,
})
export class AssigneeAvatar {
  private readonly directory = inject(ProjectMembers);
  readonly task = input.required<Task>();

  // Only tasks with an assignee ask for their project's members (once per project, shared).
  protected readonly name = computed(() => {
    const { projectId, assigneeId } = this.task();
    return assigneeId ? this.directory.nameOf(projectId, assigneeId) : undefined;
  });
}
