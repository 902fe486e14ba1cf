import { CdkDrag, CdkDragDrop, CdkDropList, CdkDropListGroup } from '@angular/cdk/drag-drop';
import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatMenuModule } from '@angular/material/menu';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { TASK_LIST_MAX_LIMIT, TASK_PRIORITIES, TASK_STATUSES, Task, TaskStatus } from '@taskflow/shared-contracts';
import { TaskFiltersBar } from './task-filters';
import { TaskListStore } from './task-list.store';
import { PRIORITY_LABELS, STATUS_LABELS, dueState, formatDueDate } from './task-labels';
import { openTaskDialog } from './task-dialog';

const RANK = Object.fromEntries(TASK_PRIORITIES.map((p, i) => [p, i])) as Record<string, number>;

/** Columns by status; drag a card (or use its "Move" menu) to change the status. */
@Component({
  selector: 'tf-board-page',
  imports: [CdkDropListGroup, CdkDropList, CdkDrag, RouterLink, MatButtonModule, MatMenuModule, MatProgressBarModule, TaskFiltersBar],
  providers: [TaskListStore],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="tf-page-head">
      <h1>Board</h1>
      <a mat-button routerLink="/tasks">List view</a>
    </div>
    <tf-task-filters [filters]="store.filters()" [showSort]="false" (changed)="store.setFilters($event)" (cleared)="store.resetFilters()" />
    <div class="tf-board-status" aria-live="polite">
      @if (store.loading()) {
        <mat-progress-bar mode="indeterminate" aria-label="Loading tasks" />
      } @else if (store.error()) {
        <p role="alert">Could not load your tasks: {{ store.error() }} <button mat-button type="button" (click)="store.refresh()">Try again</button></p>
      } @else if (store.total() > store.items().length) {
        <p>Showing {{ store.items().length }} of {{ store.total() }} tasks. <button mat-button type="button" (click)="store.loadMore()">Load more</button></p>
      }
    </div>
    <div class="tf-board" cdkDropListGroup>
      @for (column of columns(); track column.status) {
        <section class="tf-column" [attr.aria-labelledby]="'col-' + column.status">
          <h2 [id]="'col-' + column.status">{{ column.label }} <span class="tf-column-count">{{ column.tasks.length }}</span></h2>
          <ul
            class="tf-column-list"
            cdkDropList
            [cdkDropListData]="column.status"
            (cdkDropListDropped)="dropped($event)"
            [attr.data-status]="column.status"
            [attr.aria-label]="column.label + ' tasks'"
          >
            @for (task of column.tasks; track task.id) {
              <li class="tf-card" cdkDrag [cdkDragData]="task" [attr.data-task-id]="task.id" [class]="'tf-card tf-due-' + due(task)">
                <button type="button" class="tf-card-title" (click)="edit(task)">{{ task.title }}</button>
                <div class="tf-card-meta">
                  <span class="tf-chip tf-priority-{{ task.priority }}">{{ priorityLabels[task.priority] }}</span>
                  @if (task.dueDate) {
                    <span class="tf-chip tf-due">
                      @if (due(task) === 'overdue') { <strong>Overdue</strong> · } @else if (due(task) === 'soon') { <strong>Due soon</strong> · }
                      {{ formatDue(task.dueDate) }}
                    </span>
                  }
                </div>
                <button mat-button type="button" class="tf-card-move" [matMenuTriggerFor]="moveMenu" [attr.aria-label]="'Move “' + task.title + '”'">Move</button>
                <mat-menu #moveMenu="matMenu">
                  @for (status of statuses; track status) {
                    @if (status !== task.status) {
                      <button mat-menu-item type="button" (click)="move(task, status)">To {{ statusLabels[status] }}</button>
                    }
                  }
                </mat-menu>
              </li>
            } @empty {
              <li class="tf-column-empty">Drop tasks here</li>
            }
          </ul>
        </section>
      }
    </div>
  `,
  styles: `
    :host { display: block; padding: 16px; max-width: 1400px; margin: 0 auto; }
    .tf-page-head { display: flex; align-items: center; justify-content: space-between; }
    h1 { font: var(--mat-sys-headline-small); margin: 8px 0 16px; }
    .tf-board-status { min-height: 24px; }
    .tf-board { display: grid; grid-template-columns: repeat(3, minmax(0, 1fr)); gap: 16px; align-items: start; }
    @media (max-width: 799px) { .tf-board { grid-template-columns: 1fr; } }
    .tf-column { background: var(--mat-sys-surface-container); border-radius: 16px; padding: 8px 12px 12px; }
    h2 { font: var(--mat-sys-title-medium); margin: 8px 4px; display: flex; justify-content: space-between; }
    .tf-column-count { color: var(--mat-sys-on-surface-variant); }
    .tf-column-list { list-style: none; margin: 0; padding: 0; min-height: 64px; display: flex; flex-direction: column; gap: 8px; }
    .tf-column-empty { padding: 20px; text-align: center; color: var(--mat-sys-on-surface-variant); border: 2px dashed var(--mat-sys-outline-variant); border-radius: 12px; }
    .tf-card { position: relative; background: var(--mat-sys-surface); color: var(--mat-sys-on-surface); border-radius: 12px; padding: 10px 12px; border-left: 4px solid transparent; box-shadow: var(--mat-sys-level1); cursor: grab; }
    .tf-card.tf-due-overdue { border-left-color: var(--mat-sys-error); }
    .tf-card.tf-due-soon { border-left-color: var(--tf-warning); }
    .tf-card.tf-due-overdue .tf-due { background: var(--mat-sys-error-container); color: var(--mat-sys-on-error-container); }
    .tf-card.tf-due-soon .tf-due { background: var(--tf-warning-container); color: var(--tf-on-warning-container); }
    .tf-card-title { all: unset; cursor: pointer; font: var(--mat-sys-title-small); overflow-wrap: anywhere; border-radius: 4px; display: block; padding-right: 64px; }
    .tf-card-title:focus-visible { outline: 2px solid var(--mat-sys-primary); outline-offset: 2px; }
    .tf-card-meta { display: flex; flex-wrap: wrap; gap: 6px; margin-top: 6px; }
    .tf-card-move { position: absolute; top: 4px; right: 4px; }
    .cdk-drag-preview { box-shadow: var(--mat-sys-level3); }
    .cdk-drag-placeholder { opacity: 0.4; }
    .cdk-drag-animating, .tf-column-list.cdk-drop-list-dragging .tf-card:not(.cdk-drag-placeholder) { transition: transform 200ms ease; }
  `,
})
export class BoardPage {
  protected readonly store = inject(TaskListStore);
  private readonly dialog = inject(MatDialog);

  protected readonly statuses = TASK_STATUSES;
  protected readonly statusLabels = STATUS_LABELS;
  protected readonly priorityLabels = PRIORITY_LABELS;
  protected readonly due = dueState;
  protected readonly formatDue = formatDueDate;

  protected readonly columns = computed(() =>
    TASK_STATUSES.map((status) => ({
      status,
      label: STATUS_LABELS[status],
      tasks: this.store
        .items()
        .filter((task) => task.status === status)
        .sort((a, b) => RANK[b.priority] - RANK[a.priority] || (a.dueDate ?? '9999').localeCompare(b.dueDate ?? '9999')),
    })),
  );

  constructor() {
    this.store.limit.set(TASK_LIST_MAX_LIMIT);
  }

  protected dropped(event: CdkDragDrop<TaskStatus, TaskStatus, Task>): void {
    if (event.previousContainer !== event.container) {
      this.move(event.item.data, event.container.data);
    }
  }

  protected move(task: Task, status: TaskStatus): void {
    if (task.status !== status) {
      this.store.update(task, { status });
    }
  }

  protected edit(task: Task): void {
    openTaskDialog(this.dialog, task).subscribe((result) => {
      if (result === 'deleted') {
        this.store.refresh();
      } else if (result) {
        this.store.replace(result);
      }
    });
  }
}
