import { ChangeDetectionStrategy, Component, ElementRef, computed, input, output, viewChild } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import type { Task } from '@taskflow/shared-contracts';
import { AssigneeAvatar } from './assignee-avatar';
import { PRIORITY_LABELS, STATUS_LABELS, dueState, formatDueDate } from './task-labels';

@Component({
  selector: 'tf-task-row',
  imports: [MatCheckboxModule, MatButtonModule, AssigneeAvatar],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: {
    '[class.tf-overdue]': "due() === 'overdue'",
    '[class.tf-soon]': "due() === 'soon'",
    '[class.tf-done]': "task().status === 'done'",
    '[class.tf-active]': 'active()',
    '[class.tf-selected]': 'selected()',
  },
  template: `
    @let t = task();
    <!-- While selecting, the one checkbox selects; the row's status chip still says whether it is done. -->
    @if (selectable()) {
      <mat-checkbox
        class="tf-row-select"
        [checked]="selected()"
        (change)="selectToggle.emit(t)"
        [aria-label]="'Select “' + t.title + '”'"
      />
    } @else {
      <mat-checkbox
        class="tf-row-check"
        [disabled]="!editable()"
        [checked]="t.status === 'done'"
        (change)="toggleDone.emit(t)"
        [aria-label]="t.status === 'done' ? 'Mark “' + t.title + '” as not done' : 'Mark “' + t.title + '” as done'"
      />
    }
    <div class="tf-row-main">
      <button #title type="button" class="tf-row-title" (click)="open.emit(t)" [attr.aria-label]="'Edit “' + t.title + '”'">{{ t.title }}</button>
      <div class="tf-row-meta">
        <tf-assignee-avatar [task]="t" />
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
          <button type="button" class="tf-chip tf-tag" (click)="tagClick.emit(tag)" [title]="'Show only tasks tagged #' + tag">#{{ tag }}</button>
        }
        @if (mark(); as m) {
          <span class="tf-live-mark">{{ m }}</span>
        }
      </div>
    </div>
    @if (editable()) {
      <button mat-button type="button" class="tf-row-delete" (click)="remove.emit(t)" [attr.aria-label]="'Delete “' + t.title + '”'">Delete</button>
    }
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
    :host(.tf-active) { background: var(--mat-sys-surface-container-low); border-left-color: var(--mat-sys-primary); }
    :host(.tf-selected) { background: var(--mat-sys-secondary-container); }
    .tf-tag { border: 0; cursor: pointer; }
    .tf-tag:hover { text-decoration: underline; }
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
    .tf-row-meta { display: flex; flex-wrap: wrap; align-items: center; gap: 6px; margin-top: 6px; }
    :host(.tf-overdue) .tf-due { background: var(--mat-sys-error-container); color: var(--mat-sys-on-error-container); }
    :host(.tf-soon) .tf-due { background: var(--tf-warning-container); color: var(--tf-on-warning-container); }
    .tf-row-delete { margin-top: 4px; }
    .tf-live-mark { font: var(--mat-sys-label-medium); color: var(--mat-sys-on-surface-variant); font-style: italic; align-self: center; }
  `,
})
export class TaskRow {
  readonly task = input.required<Task>();
  readonly toggleDone = output<Task>();
  readonly open = output<Task>();
  readonly remove = output<Task>();
  readonly tagClick = output<string>();
  readonly selectToggle = output<Task>();
  readonly selectable = input(false);
  /** False in a project where the caller is a viewer: no done toggle, no delete. */
  readonly editable = input(true);
  readonly selected = input(false);
  /** "edited by bob" for a few seconds after someone else changed the task (see LiveMarks). */
  readonly mark = input<string | null>(null);
  /** The row the keyboard shortcuts act on. */
  readonly active = input(false);

  private readonly title = viewChild.required<ElementRef<HTMLButtonElement>>('title');

  focus(): void {
    this.title().nativeElement.focus();
  }

  protected readonly due = computed(() => dueState(this.task()));
  protected readonly dueLabel = computed(() => (this.task().dueDate ? formatDueDate(this.task().dueDate as string) : ''));
  protected readonly statusLabel = computed(() => STATUS_LABELS[this.task().status]);
  protected readonly priorityLabel = computed(() => PRIORITY_LABELS[this.task().priority]);
}
