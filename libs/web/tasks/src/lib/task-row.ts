import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import type { Task } from '@taskflow/shared-contracts';
import { PRIORITY_LABELS, STATUS_LABELS, dueState, formatDueDate } from './task-labels';

@Component({
  selector: 'tf-task-row',
  imports: [MatCheckboxModule, MatButtonModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: {
    '[class.tf-overdue]': "due() === 'overdue'",
    '[class.tf-soon]': "due() === 'soon'",
    '[class.tf-done]': "task().status === 'done'",
  },
  template: `
    @let t = task();
    <mat-checkbox
      class="tf-row-check"
      [checked]="t.status === 'done'"
      (change)="toggleDone.emit(t)"
      [aria-label]="t.status === 'done' ? 'Mark “' + t.title + '” as not done' : 'Mark “' + t.title + '” as done'"
    />
    <div class="tf-row-main">
      <button type="button" class="tf-row-title" (click)="open.emit(t)" [attr.aria-label]="'Edit “' + t.title + '”'">{{ t.title }}</button>
      <div class="tf-row-meta">
        <span class="tf-chip tf-status-{{ t.status }}">{{ statusLabel() }}</span>
        <span class="tf-chip tf-priority-{{ t.priority }}">{{ priorityLabel() }} priority</span>
        @if (t.dueDate) {
          <span class="tf-chip tf-due">
            @switch (due()) {
              @case ('overdue') { <strong>Overdue</strong> · }
              @case ('soon') { <strong>Due soon</strong> · }
            }
            Due {{ dueLabel() }}
          </span>
        }
        @for (tag of t.tags; track tag) {
          <span class="tf-chip tf-tag">#{{ tag }}</span>
        }
      </div>
    </div>
    <button mat-button type="button" class="tf-row-delete" (click)="remove.emit(t)" [attr.aria-label]="'Delete “' + t.title + '”'">Delete</button>
  `,
  styles: `
    :host {
      display: flex;
      align-items: flex-start;
      gap: 8px;
      padding: 8px 8px 8px 4px;
      border-left: 4px solid transparent;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
    :host(.tf-overdue) { border-left-color: var(--mat-sys-error); }
    :host(.tf-soon) { border-left-color: var(--tf-warning); }
    :host(.tf-done) .tf-row-title { text-decoration: line-through; color: var(--mat-sys-on-surface-variant); }
    .tf-row-main { flex: 1; min-width: 0; padding-top: 8px; }
    .tf-row-title {
      all: unset;
      cursor: pointer;
      font: var(--mat-sys-title-medium);
      overflow-wrap: anywhere;
      border-radius: 4px;
    }
    .tf-row-title:hover { text-decoration: underline; }
    .tf-row-title:focus-visible { outline: 2px solid var(--mat-sys-primary); outline-offset: 2px; }
    .tf-row-meta { display: flex; flex-wrap: wrap; gap: 6px; margin-top: 6px; }
    :host(.tf-overdue) .tf-due { background: var(--mat-sys-error-container); color: var(--mat-sys-on-error-container); }
    :host(.tf-soon) .tf-due { background: var(--tf-warning-container); color: var(--tf-on-warning-container); }
    .tf-row-delete { margin-top: 4px; }
  `,
})
export class TaskRow {
  readonly task = input.required<Task>();
  readonly toggleDone = output<Task>();
  readonly open = output<Task>();
  readonly remove = output<Task>();

  protected readonly due = computed(() => dueState(this.task()));
  protected readonly dueLabel = computed(() => (this.task().dueDate ? formatDueDate(this.task().dueDate as string) : ''));
  protected readonly statusLabel = computed(() => STATUS_LABELS[this.task().status]);
  protected readonly priorityLabel = computed(() => PRIORITY_LABELS[this.task().priority]);
}
