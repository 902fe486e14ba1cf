import { ChangeDetectionStrategy, Component, computed, input, linkedSignal, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import type { Task, TaskPriority, TaskStatus } from '@taskflow/shared-contracts';
import { PRIORITY_LABELS, STATUS_LABELS, formatDueDate } from './task-labels';

/** The fields the edit dialog edits, as the form holds them. */
export type EditableTask = Pick<Task, 'title' | 'description' | 'status' | 'priority' | 'dueDate' | 'tags'>;
export type EditableField = keyof EditableTask;
type Side = 'mine' | 'theirs';

export function editableOf(task: Task): EditableTask {
  return { title: task.title, description: task.description ?? '', status: task.status, priority: task.priority, dueDate: task.dueDate, tags: [...task.tags] };
}

const FIELDS: { field: EditableField; label: string; show: (value: never) => string }[] = [
  { field: 'title', label: 'Title', show: (v: string) => v },
  { field: 'description', label: 'Description', show: (v: string) => v || '(none)' },
  { field: 'status', label: 'Status', show: (v: TaskStatus) => STATUS_LABELS[v] },
  { field: 'priority', label: 'Priority', show: (v: TaskPriority) => PRIORITY_LABELS[v] },
  { field: 'dueDate', label: 'Due date', show: (v: string | null) => (v ? formatDueDate(v) : '(none)') },
  { field: 'tags', label: 'Tags', show: (v: string[]) => (v.length ? v.map((t) => `#${t}`).join(' ') : '(none)') },
];

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export interface ConflictRow {
  field: EditableField;
  label: string;
  mine: string;
  theirs: string;
  /** Who changed it since the person opened the task: both, only them, or only this person. */
  changedBy: 'both' | 'them' | 'you';
}

/**
 * What a 412 means, shown rather than lost: every field where the person's form and the latest
 * version differ, side by side, each with a choice that starts on the side that changed it (so
 * the default is a merge: their edits and the person's both kept). "Keep mine" saves the person's
 * form as it is, over theirs; "Take theirs" drops the person's edits; "Save this mix" saves the
 * field-by-field choices. It emits the values to save; the dialog sends what differs from the
 * latest version with that version's `If-Match`.
 */
@Component({
  selector: 'tf-task-conflict',
  imports: [MatButtonModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="tf-conflict" aria-labelledby="tf-conflict-title">
      <h3 id="tf-conflict-title">Someone else changed this task</h3>
      <p>They saved while you were editing. Compare the two versions and choose what to keep, field by field or all at once.</p>
      @for (row of rows(); track row.field) {
        <fieldset class="tf-conflict-row">
          <legend>{{ row.label }} <span class="tf-conflict-who">{{ whoText[row.changedBy] }}</span></legend>
          <label [class.tf-chosen]="choices()[row.field] === 'theirs'">
            <input type="radio" [name]="'keep-' + row.field" value="theirs" [checked]="choices()[row.field] === 'theirs'" (change)="choose(row.field, 'theirs')" />
            <span class="tf-conflict-side">Theirs</span>
            <span class="tf-conflict-value">{{ row.theirs }}</span>
          </label>
          <label [class.tf-chosen]="choices()[row.field] === 'mine'">
            <input type="radio" [name]="'keep-' + row.field" value="mine" [checked]="choices()[row.field] === 'mine'" (change)="choose(row.field, 'mine')" />
            <span class="tf-conflict-side">Yours</span>
            <span class="tf-conflict-value">{{ row.mine }}</span>
          </label>
        </fieldset>
      } @empty {
        <p>Your changes and theirs are the same.</p>
      }
      <div class="tf-conflict-actions">
        <button mat-stroked-button type="button" (click)="takeTheirs()">Take theirs</button>
        <button mat-stroked-button type="button" (click)="keepMine()">Keep mine</button>
        <button mat-flat-button type="button" (click)="saveChoices()">Save this mix</button>
      </div>
    </section>
  `,
  styles: `
    .tf-conflict { padding-top: 12px; }
    h3 { font: var(--mat-sys-title-medium); margin: 0 0 4px; }
    .tf-conflict-row { border: 1px solid var(--mat-sys-outline-variant); border-radius: 12px; margin: 12px 0 0; padding: 8px 12px 12px; display: grid; grid-template-columns: 1fr 1fr; gap: 8px; }
    @media (max-width: 520px) { .tf-conflict-row { grid-template-columns: 1fr; } }
    legend { font: var(--mat-sys-label-large); padding: 0 4px; }
    .tf-conflict-who { font: var(--mat-sys-label-small); color: var(--mat-sys-on-surface-variant); margin-left: 4px; }
    label { display: grid; grid-template-columns: auto 1fr; gap: 2px 8px; align-items: start; padding: 8px; border-radius: 8px; cursor: pointer; border: 2px solid transparent; }
    label.tf-chosen { border-color: var(--mat-sys-primary); background: var(--mat-sys-secondary-container); color: var(--mat-sys-on-secondary-container); }
    .tf-conflict-side { font: var(--mat-sys-label-medium); }
    .tf-conflict-value { grid-column: 2; overflow-wrap: anywhere; white-space: pre-wrap; }
    .tf-conflict-actions { display: flex; flex-wrap: wrap; justify-content: flex-end; gap: 8px; margin-top: 16px; }
  `,
})
export class TaskConflict {
  /** The task as the person opened it (or as last rebased). */
  readonly base = input.required<Task>();
  /** What the person's form holds now. */
  readonly mine = input.required<EditableTask>();
  /** The latest version from the server. */
  readonly theirs = input.required<Task>();
  readonly resolved = output<EditableTask>();

  protected readonly whoText = { both: '· changed by both of you', them: '· changed by them', you: '· changed by you' } as const;

  protected readonly rows = computed<ConflictRow[]>(() => {
    const base = editableOf(this.base());
    const theirs = editableOf(this.theirs());
    const mine = this.mine();
    return FIELDS.filter(({ field }) => !same(mine[field], theirs[field])).map(({ field, label, show }) => {
      const mineChanged = !same(mine[field], base[field]);
      const theirsChanged = !same(theirs[field], base[field]);
      return {
        field,
        label,
        mine: (show as (v: unknown) => string)(mine[field]),
        theirs: (show as (v: unknown) => string)(theirs[field]),
        changedBy: mineChanged && theirsChanged ? 'both' : mineChanged ? 'you' : 'them',
      };
    });
  });

  /** Each row starts on the side that made the change: the person's edits stay unless they say otherwise. */
  protected readonly choices = linkedSignal<ConflictRow[], Partial<Record<EditableField, Side>>>({
    source: this.rows,
    computation: (rows) => Object.fromEntries(rows.map((row) => [row.field, row.changedBy === 'them' ? 'theirs' : 'mine'])),
  });

  protected choose(field: EditableField, side: Side): void {
    this.choices.update((choices) => ({ ...choices, [field]: side }));
  }

  protected takeTheirs(): void {
    this.resolved.emit(editableOf(this.theirs()));
  }

  protected keepMine(): void {
    this.resolved.emit({ ...this.mine(), tags: [...this.mine().tags] });
  }

  protected saveChoices(): void {
    this.emit(this.choices());
  }

  private emit(choices: Partial<Record<EditableField, Side>>): void {
    const result = editableOf(this.theirs()) as unknown as Record<EditableField, unknown>;
    const mine = this.mine();
    for (const [field, side] of Object.entries(choices) as [EditableField, Side][]) {
      if (side === 'mine') result[field] = mine[field];
    }
    this.resolved.emit(result as unknown as EditableTask);
  }
}
