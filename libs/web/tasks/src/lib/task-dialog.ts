import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialog, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatTabsModule } from '@angular/material/tabs';
import {
  TASK_DESCRIPTION_MAX_LENGTH,
  TASK_PRIORITIES,
  TASK_STATUSES,
  TASK_TAGS_MAX,
  TASK_TAG_MAX_LENGTH,
  TASK_TITLE_MAX_LENGTH,
  Task,
  TaskPriority,
  TaskStatus,
  UpdateTaskRequest,
} from '@taskflow/shared-contracts';
import { ProjectScope, VIEWER_MESSAGE } from '@taskflow/web-projects';
import { describeHttpError, fieldErrorsOf, openConfirmDialog } from '@taskflow/web-ui';
import { Observable } from 'rxjs';
import { PRIORITY_LABELS, STATUS_LABELS } from './task-labels';
import { AssigneePicker } from './assignee-picker';
import { TaskComments } from './task-comments';
import { TaskConflict, type EditableTask } from './task-conflict';
import { followOpenTask, overlappingEdits } from './task-dialog-live';
import { TaskHistory } from './task-history';
import { TasksApi } from './tasks-api';

/** What the dialog closes with: the saved task, 'deleted', or nothing when cancelled. */
export type TaskDialogResult = Task | 'deleted' | undefined;

@Component({
  selector: 'tf-task-dialog',
  imports: [
    ReactiveFormsModule,
    MatDialogModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    MatTabsModule,
    TaskHistory,
    TaskComments,
    AssigneePicker,
    TaskConflict,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>{{ readOnly ? 'Task' : 'Edit task' }}</h2>
    <mat-dialog-content>
      @if (liveNote()) {
        <p class="tf-live-note" role="status">{{ liveNote() }}</p>
      }
      @if (conflict(); as c) {
        <tf-task-conflict [base]="c.base" [mine]="c.mine" [theirs]="c.theirs" (resolved)="resolveConflict($event)" />
      } @else {
      <mat-tab-group mat-stretch-tabs="false" animationDuration="0ms">
        <mat-tab label="Details">
          @if (readOnly) {
            <p class="tf-view-only" role="note">{{ viewerMessage }}</p>
          }
          @if (message()) {
            <p class="tf-dialog-message" role="alert">{{ message() }}</p>
          }
          <form id="task-form" [formGroup]="form" (ngSubmit)="save()" class="tf-task-form">
            <mat-form-field appearance="outline">
              <mat-label>Title</mat-label>
              <input matInput formControlName="title" required [attr.maxlength]="limits.title" cdkFocusInitial />
              @if (form.controls.title.hasError('required') || form.controls.title.hasError('blank')) {
                <mat-error>A task needs a title.</mat-error>
              } @else if (form.controls.title.hasError('server')) {
                <mat-error>{{ form.controls.title.getError('server') }}</mat-error>
              }
            </mat-form-field>
            <mat-form-field appearance="outline">
              <mat-label>Description</mat-label>
              <textarea matInput formControlName="description" rows="4" [attr.maxlength]="limits.description"></textarea>
              @if (form.controls.description.hasError('server')) {
                <mat-error>{{ form.controls.description.getError('server') }}</mat-error>
              }
            </mat-form-field>
            <div class="tf-form-row">
              <mat-form-field appearance="outline">
                <mat-label>Status</mat-label>
                <mat-select formControlName="status">
                  @for (status of statuses; track status) {
                    <mat-option [value]="status">{{ statusLabels[status] }}</mat-option>
                  }
                </mat-select>
              </mat-form-field>
              <mat-form-field appearance="outline">
                <mat-label>Priority</mat-label>
                <mat-select formControlName="priority">
                  @for (priority of priorities; track priority) {
                    <mat-option [value]="priority">{{ priorityLabels[priority] }}</mat-option>
                  }
                </mat-select>
              </mat-form-field>
              <mat-form-field appearance="outline">
                <mat-label>Due date</mat-label>
                <input matInput type="date" formControlName="dueDate" />
                @if (form.controls.dueDate.hasError('server')) {
                  <mat-error>{{ form.controls.dueDate.getError('server') }}</mat-error>
                }
              </mat-form-field>
            </div>
            <tf-assignee-picker [projectId]="task().projectId" [(value)]="assigneeId" [disabled]="readOnly" />
            @if (assigneeError()) {
              <p class="tf-tag-error" role="alert">{{ assigneeError() }}</p>
            }
            @if (!readOnly) {
              <mat-form-field appearance="outline">
                <mat-label>Add a tag</mat-label>
                <input
                  matInput
                  #tagInput
                  (keydown.enter)="$event.preventDefault(); addTag(tagInput)"
                  (keydown.comma)="$event.preventDefault(); addTag(tagInput)"
                  (blur)="addTag(tagInput)"
                  [attr.maxlength]="limits.tag"
                />
                <mat-hint>Press Enter to add. Up to {{ limits.tags }} tags of at most {{ limits.tag }} characters.</mat-hint>
              </mat-form-field>
            }
            @if (tagError()) {
              <p class="tf-tag-error" role="alert">{{ tagError() }}</p>
            }
            @if (tags().length) {
              <ul class="tf-tags" aria-label="Tags">
                @for (tag of tags(); track tag) {
                  <li class="tf-chip">
                    #{{ tag }}
                    @if (!readOnly) {
                      <button type="button" class="tf-tag-remove" (click)="removeTag(tag)" [attr.aria-label]="'Remove tag ' + tag">×</button>
                    }
                  </li>
                }
              </ul>
            }
          </form>
        </mat-tab>
        <mat-tab label="Comments">
          <ng-template matTabContent>
            <tf-task-comments [taskId]="task().id" [projectId]="task().projectId" />
          </ng-template>
        </mat-tab>
        <mat-tab label="History">
          <ng-template matTabContent>
            <tf-task-history [taskId]="task().id" [projectId]="task().projectId" />
          </ng-template>
        </mat-tab>
      </mat-tab-group>
      }
    </mat-dialog-content>
    <mat-dialog-actions>
      @if (!readOnly && !conflict()) {
        <button mat-button type="button" class="tf-danger-text" (click)="delete()" [disabled]="busy()">Delete</button>
      }
      <span class="tf-spacer"></span>
      <button mat-button type="button" mat-dialog-close>{{ readOnly ? 'Close' : 'Cancel' }}</button>
      @if (!readOnly && !conflict()) {
        <button mat-flat-button type="submit" form="task-form" [disabled]="busy()">{{ busy() ? 'Saving…' : 'Save' }}</button>
      }
    </mat-dialog-actions>
  `,
  styles: `
    .tf-task-form { display: flex; flex-direction: column; gap: 4px; padding-top: 16px; }
    .tf-form-row { display: grid; grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); gap: 0 12px; }
    .tf-spacer { flex: 1; }
    .tf-dialog-message { margin: 16px 0 0; padding: 12px; border-radius: 8px; background: var(--mat-sys-error-container); color: var(--mat-sys-on-error-container); }
    .tf-tag-error { color: var(--mat-sys-error); margin: 0 0 8px; }
    .tf-tags { list-style: none; display: flex; flex-wrap: wrap; gap: 6px; margin: 0 0 8px; padding: 0; }
    .tf-tag-remove { all: unset; cursor: pointer; padding: 0 4px; border-radius: 50%; font-weight: bold; }
    .tf-tag-remove:focus-visible { outline: 2px solid var(--mat-sys-primary); }
    .tf-danger-text { color: var(--mat-sys-error); }
    .tf-view-only { margin: 16px 0 0; color: var(--mat-sys-on-surface-variant); }
    .tf-live-note { margin: 8px 0 0; font: var(--mat-sys-body-medium); color: var(--mat-sys-on-surface-variant); }
  `,
})
export class TaskDialog {
  private readonly api = inject(TasksApi);
  private readonly dialog = inject(MatDialog);
  private readonly dialogRef = inject<MatDialogRef<TaskDialog, TaskDialogResult>>(MatDialogRef);

  protected readonly task = signal(inject<Task>(MAT_DIALOG_DATA));
  /**
   * The values the form started from. A save sends only what differs from these, so a field the
   * person did not touch is never sent back (after a 412 it is refreshed to the latest instead).
   */
  private baseline = this.task();
  protected readonly tags = signal<string[]>([...this.task().tags]);
  protected readonly assigneeId = signal<string | null>(this.task().assigneeId);
  protected readonly assigneeError = signal('');
  /** A viewer of the task's project reads the task (and comments) but changes nothing. */
  protected readonly readOnly = !inject(ProjectScope).canEditIn(this.task().projectId);
  protected readonly viewerMessage = VIEWER_MESSAGE;
  protected readonly tagError = signal('');
  protected readonly message = signal('');
  protected readonly busy = signal(false);
  /** After a 412: the person's form and the latest version, shown side by side (TaskConflict). */
  protected readonly conflict = signal<{ base: Task; mine: EditableTask; theirs: Task } | null>(null);
  /** A quiet line about changes that arrived live ("Updated by bob."). */
  protected readonly liveNote = signal('');

  protected readonly statuses = TASK_STATUSES;
  protected readonly priorities = TASK_PRIORITIES;
  protected readonly statusLabels: Record<TaskStatus, string> = STATUS_LABELS;
  protected readonly priorityLabels: Record<TaskPriority, string> = PRIORITY_LABELS;
  protected readonly limits = {
    title: TASK_TITLE_MAX_LENGTH,
    description: TASK_DESCRIPTION_MAX_LENGTH,
    tags: TASK_TAGS_MAX,
    tag: TASK_TAG_MAX_LENGTH,
  };

  protected readonly form = inject(NonNullableFormBuilder).group({
    title: [this.task().title, [Validators.required, Validators.maxLength(TASK_TITLE_MAX_LENGTH)]],
    description: [this.task().description ?? '', Validators.maxLength(TASK_DESCRIPTION_MAX_LENGTH)],
    status: [this.task().status],
    priority: [this.task().priority],
    dueDate: [this.task().dueDate ?? ''],
  });

  constructor() {
    if (this.readOnly) this.form.disable();
    followOpenTask(() => this.task().id, {
      changed: (latest, actor, byMe) => this.liveChanged(latest, byMe ? 'you, elsewhere' : actor.username),
      deleted: (actor, byMe) => this.liveNote.set(byMe ? 'You deleted this task elsewhere.' : `${actor.username} deleted this task.`),
    });
  }

  /**
   * A newer version arrived while the dialog is open. Where it does not touch what the person is
   * editing, the form follows it (as after a 412); where it does, the form keeps their edits and
   * a save will show both versions side by side.
   */
  private liveChanged(latest: Task, who: string): void {
    if (latest.version <= this.task().version || this.busy() || this.conflict()) return;
    if (overlappingEdits(this.baseline, this.edited(), latest).length) {
      this.liveNote.set(`${who} changed this task too. Saving will show their version beside yours.`);
      return;
    }
    this.rebase(latest);
    this.liveNote.set(`Updated by ${who}.`);
  }

  /** The person chose in the conflict view: save those values against the latest version. */
  protected resolveConflict(values: EditableTask): void {
    const { base, theirs } = this.conflict() ?? {};
    if (!theirs || !base) return;
    this.conflict.set(null);
    // The conflict view compares the form's fields; the assignee is the picker's. An assignee the
    // person did not change takes theirs, so the save cannot put the old one back.
    if (this.assigneeId() === base.assigneeId) this.assigneeId.set(theirs.assigneeId);
    this.baseline = theirs;
    this.task.set(theirs);
    this.form.setValue({ title: values.title, description: values.description, status: values.status, priority: values.priority, dueDate: values.dueDate ?? '' });
    this.tags.set([...values.tags]);
    if (Object.keys(changedFields(theirs, this.edited())).length === 0) {
      this.dialogRef.close(theirs);
      return;
    }
    this.save();
  }

  protected addTag(input: HTMLInputElement): void {
    const tag = input.value.trim().toLowerCase();
    this.tagError.set('');
    if (tag) {
      if (tag.length > TASK_TAG_MAX_LENGTH) {
        this.tagError.set(`A tag can have at most ${TASK_TAG_MAX_LENGTH} characters.`);
        return;
      }
      if (!this.tags().includes(tag)) {
        if (this.tags().length >= TASK_TAGS_MAX) {
          this.tagError.set(`A task can have at most ${TASK_TAGS_MAX} tags.`);
          return;
        }
        this.tags.update((tags) => [...tags, tag]);
      }
    }
    input.value = '';
  }

  protected removeTag(tag: string): void {
    this.tags.update((tags) => tags.filter((t) => t !== tag));
  }

  protected save(): void {
    const value = this.form.getRawValue();
    if (!value.title.trim()) {
      this.form.controls.title.setErrors({ blank: true });
    }
    if (this.form.invalid || this.busy()) {
      this.form.markAllAsTouched();
      return;
    }
    const patch = changedFields(this.baseline, this.edited());
    if (Object.keys(patch).length === 0) {
      this.dialogRef.close(undefined);
      return;
    }
    this.busy.set(true);
    this.message.set('');
    this.api.update(this.task(), patch).subscribe({
      next: (saved) => this.dialogRef.close(saved),
      error: (error: unknown) => {
        this.busy.set(false);
        this.showError(error);
      },
    });
  }

  protected delete(): void {
    openConfirmDialog(this.dialog, {
      title: 'Delete task?',
      message: `“${this.task().title}” will be deleted. You can undo this right after.`,
      confirmLabel: 'Delete',
    }).subscribe((confirmed) => {
      if (!confirmed) return;
      this.busy.set(true);
      this.api.delete(this.task().id).subscribe({
        next: () => this.dialogRef.close('deleted'),
        error: (error: unknown) => {
          this.busy.set(false);
          this.message.set(describeHttpError(error));
        },
      });
    });
  }

  private edited() {
    const value = this.form.getRawValue();
    return {
      title: value.title.trim(),
      description: value.description,
      status: value.status,
      priority: value.priority,
      dueDate: value.dueDate || null,
      tags: this.tags(),
      assigneeId: this.assigneeId(),
    };
  }

  /** A newer version arrived: the fields the person did not change take the latest values; their own edits stay. */
  private rebase(latest: Task): void {
    const mine = changedFields(this.baseline, this.edited());
    this.baseline = latest;
    this.task.set(latest);
    const theirs = changedFields(latest, this.edited());
    const controls = this.form.controls;
    if ('title' in theirs && !('title' in mine)) controls.title.setValue(latest.title);
    if ('description' in theirs && !('description' in mine)) controls.description.setValue(latest.description ?? '');
    if ('status' in theirs && !('status' in mine)) controls.status.setValue(latest.status);
    if ('priority' in theirs && !('priority' in mine)) controls.priority.setValue(latest.priority);
    if ('dueDate' in theirs && !('dueDate' in mine)) controls.dueDate.setValue(latest.dueDate ?? '');
    if ('tags' in theirs && !('tags' in mine)) this.tags.set([...latest.tags]);
    if ('assigneeId' in theirs && !('assigneeId' in mine)) this.assigneeId.set(latest.assigneeId);
  }

  private showError(error: unknown): void {
    if (error instanceof HttpErrorResponse && error.status === 412) {
      const mine = this.edited();
      this.api.get(this.task().id).subscribe({
        next: (latest) => {
          this.liveNote.set('');
          this.conflict.set({ base: this.baseline, mine, theirs: latest });
        },
        error: (reloadError: unknown) => this.message.set(describeHttpError(reloadError)),
      });
      return;
    }
    const fields = fieldErrorsOf(error);
    let placed = false;
    this.assigneeError.set(fields.find((item) => item.field === 'assigneeId')?.message ?? '');
    placed = !!this.assigneeError();
    for (const { field, message } of fields) {
      const control = this.form.get(field);
      if (control) {
        control.setErrors({ server: message });
        control.markAsTouched();
        placed = true;
      }
    }
    if (!placed) {
      this.message.set(describeHttpError(error));
    }
  }
}

/** Only the fields that differ, so the history records what really changed. */
export function changedFields(
  task: Task,
  next: Required<Pick<UpdateTaskRequest, 'title' | 'description' | 'status' | 'priority' | 'tags'>> & { dueDate: string | null; assigneeId?: string | null },
): UpdateTaskRequest {
  const patch: UpdateTaskRequest = {};
  if (next.title !== task.title) patch.title = next.title;
  if (next.description !== (task.description ?? '')) patch.description = next.description;
  if (next.status !== task.status) patch.status = next.status;
  if (next.priority !== task.priority) patch.priority = next.priority;
  if (next.dueDate !== task.dueDate) patch.dueDate = next.dueDate;
  if (next.tags.join('\u0000') !== task.tags.join('\u0000')) patch.tags = next.tags;
  if (next.assigneeId !== undefined && next.assigneeId !== task.assigneeId) patch.assigneeId = next.assigneeId;
  return patch;
}

export function openTaskDialog(dialog: MatDialog, task: Task): Observable<TaskDialogResult> {
  return dialog
    .open<TaskDialog, Task, TaskDialogResult>(TaskDialog, {
      data: task,
      width: '640px',
      maxWidth: '100vw',
      autoFocus: 'first-tabbable',
    })
    .afterClosed();
}
