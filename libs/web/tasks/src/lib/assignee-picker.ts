import { ChangeDetectionStrategy, Component, computed, inject, input, model } from '@angular/core';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import { ProjectMembers } from '@taskflow/web-projects';
import { InitialsAvatar, describeHttpError } from '@taskflow/web-ui';

/** Who a task is assigned to: "Unassigned" or a member of the task's own project (the API refuses anyone else). */
@Component({
  selector: 'tf-assignee-picker',
  imports: [MatFormFieldModule, MatSelectModule, InitialsAvatar],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mat-form-field appearance="outline">
      <mat-label>Assignee</mat-label>
      <mat-select [value]="value() ?? none" (selectionChange)="value.set($event.value === none ? null : $event.value)" [disabled]="disabled() || !members()">
        <mat-select-trigger>{{ selectedName() }}</mat-select-trigger>
        <mat-option [value]="none">Unassigned</mat-option>
        @for (member of members(); track member.userId) {
          <mat-option [value]="member.userId">
            <span class="tf-option"><tf-initials-avatar [name]="member.username" [seed]="member.userId" /> {{ member.username }}</span>
          </mat-option>
        }
      </mat-select>
      @if (error()) {
        <mat-hint class="tf-picker-error">Could not load the members: {{ error() }}</mat-hint>
      } @else if (!members()) {
        <mat-hint>Loading members…</mat-hint>
      }
    </mat-form-field>
  `,
  styles: `
    :host { display: block; }
    mat-form-field { width: 100%; }
    .tf-option { display: inline-flex; align-items: center; gap: 8px; }
    .tf-picker-error { color: var(--mat-sys-error); }
  `,
})
export class AssigneePicker {
  private readonly directory = inject(ProjectMembers);
  readonly projectId = input.required<string>();
  readonly value = model<string | null>(null);
  readonly disabled = input(false);
  /** "Unassigned" as an option value: mat-select treats a null option as "no selection" and would show nothing. */
  protected readonly none = '';

  protected readonly members = computed(() => this.directory.of(this.projectId())());
  protected readonly error = computed(() => {
    const error = this.directory.errorOf(this.projectId())();
    return error && !this.members() ? describeHttpError(error) : '';
  });
  protected readonly selectedName = computed(() => {
    const id = this.value();
    if (!id) return 'Unassigned';
    // Someone assigned before leaving the project shows as such until the server unassigns them.
    return this.members()?.find((member) => member.userId === id)?.username ?? 'A former member';
  });
}
