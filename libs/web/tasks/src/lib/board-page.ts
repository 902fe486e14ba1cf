import { LiveAnnouncer } from '@angular/cdk/a11y';
import { CdkDrag, CdkDragDrop, CdkDropList, CdkDropListGroup } from '@angular/cdk/drag-drop';
import { ChangeDetectionStrategy, Component, ElementRef, Injector, afterNextRender, effect, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatMenuModule } from '@angular/material/menu';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { TASK_STATUSES, Task, TaskStatus } from '@taskflow/shared-contracts';
import { ProjectHeaderActions } from '@taskflow/web-projects';
import { isTypingOrModified, openShortcutsHelp } from '@taskflow/web-ui';
import { AssigneeAvatar } from './assignee-avatar';
import { BoardStore } from './board.store';
import { LiveMarks } from './live-marks';
import { TaskFiltersBar } from './task-filters';
import { TaskFiltersUrl } from './task-filters-url';
import { PRIORITY_LABELS, STATUS_LABELS, dueState, formatDueDate } from './task-labels';
import { BOARD_SHORTCUTS } from './task-shortcuts';
import { openTaskDialog } from './task-dialog';

/**
 * Columns by status, each loaded and paged by its own query. Drag a card anywhere into a column,
 * use its "Move" menu, or the keyboard (Shift + arrows) to move it.
 */
@Component({
  selector: 'tf-board-page',
  imports: [CdkDropListGroup, CdkDropList, CdkDrag, RouterLink, MatButtonModule, MatMenuModule, MatProgressBarModule, TaskFiltersBar, AssigneeAvatar, ProjectHeaderActions],
  providers: [BoardStore, TaskFiltersUrl],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '(document:keydown)': 'onPageKey($event)' },
  template: `
    <div class="tf-page-head">
      <h1>Board · {{ board.projectScope.title() }}</h1>
      <div>
        <tf-project-header-actions />
        <button mat-button type="button" class="tf-shortcuts-button" (click)="showShortcuts()" aria-keyshortcuts="?">Shortcuts</button>
        <a mat-button routerLink="/tasks" queryParamsHandling="preserve">List view</a>
      </div>
    </div>
    <tf-task-filters
      [filters]="board.filters()"
      [showSort]="false"
      [showStatus]="false"
      (changed)="urlFilters.update($event)"
      (cleared)="urlFilters.reset()"
    />
    <div class="tf-board-status" aria-live="polite">
      @if (board.loading()) {
        <mat-progress-bar mode="indeterminate" aria-label="Loading tasks" />
      } @else if (board.error()) {
        <p role="alert">Could not load your tasks: {{ board.error() }} <button mat-button type="button" (click)="board.refresh()">Try again</button></p>
      }
    </div>
    <div class="tf-board" cdkDropListGroup>
      @for (column of board.columns; track column.status) {
        <section class="tf-column" [attr.aria-labelledby]="'col-' + column.status">
          <h2 [id]="'col-' + column.status">
            {{ statusLabels[column.status] }}
            <span class="tf-column-count" [attr.aria-label]="column.total() + (column.total() === 1 ? ' task' : ' tasks')">{{ column.total() }}</span>
          </h2>
          <ul
            class="tf-column-list"
            cdkDropList
            [cdkDropListData]="column.status"
            (cdkDropListDropped)="dropped($event)"
            [attr.data-status]="column.status"
            [attr.aria-label]="statusLabels[column.status] + ' tasks'"
          >
            @for (task of column.items(); track task.id; let i = $index) {
              <li
                class="tf-card"
                cdkDrag
                [cdkDragData]="task"
                [cdkDragDisabled]="!board.projectScope.canEditIn(task.projectId)"
                [attr.data-task-id]="task.id"
                [class]="'tf-card tf-due-' + due(task)"
              >
                <button
                  type="button"
                  class="tf-card-title"
                  (click)="edit(task)"
                  (keydown)="onCardKey($event, task, i)"
                  aria-keyshortcuts="Shift+ArrowLeft Shift+ArrowRight Shift+ArrowUp Shift+ArrowDown"
                >
                  {{ task.title }}
                </button>
                <div class="tf-card-meta">
                  <tf-assignee-avatar [task]="task" />
                  <span class="tf-chip tf-priority-{{ task.priority }}">{{ priorityLabels[task.priority] }}</span>
                  @if (task.dueDate) {
                    <span class="tf-chip tf-due">
                      @if (due(task) === 'overdue') { <strong>Overdue</strong> · } @else if (due(task) === 'soon') { <strong>Due soon</strong> · }
                      {{ formatDue(task.dueDate) }}
                    </span>
                  }
                  @for (tag of task.tags; track tag) {
                    <button type="button" class="tf-chip tf-tag" (click)="urlFilters.update({ tag })" [title]="'Show only tasks tagged #' + tag">#{{ tag }}</button>
                  }
                  @if (marks().get(task.id); as mark) {
                    <span class="tf-live-mark">{{ mark }}</span>
                  }
                </div>
                @if (board.projectScope.canEditIn(task.projectId)) {
                  <button mat-button type="button" class="tf-card-move" [matMenuTriggerFor]="moveMenu" [attr.aria-label]="'Move “' + task.title + '”'">Move</button>
                }
                <mat-menu #moveMenu="matMenu">
                  @for (status of statuses; track status) {
                    @if (status !== task.status) {
                      <button mat-menu-item type="button" (click)="moveTo(task, status)">To {{ statusLabels[status] }}</button>
                    }
                  }
                </mat-menu>
              </li>
            } @empty {
              <li class="tf-column-empty">{{ column.loading() ? 'Loading…' : 'Drop tasks here' }}</li>
            }
          </ul>
          @if (column.nextCursor() || column.loadingMore()) {
            <p class="tf-column-more">
              Showing {{ column.items().length }} of {{ column.total() }}.
              <button mat-button type="button" (click)="column.loadMore()" [disabled]="column.loadingMore()">
                {{ column.loadingMore() ? 'Loading…' : 'Load more' }}
              </button>
            </p>
          }
        </section>
      }
    </div>
  `,
  styles: `
    :host { display: block; padding: 16px; max-width: 1400px; margin: 0 auto; }
    .tf-page-head { display: flex; align-items: center; justify-content: space-between; flex-wrap: wrap; }
    h1 { font: var(--mat-sys-headline-small); margin: 8px 0 16px; }
    .tf-board-status { min-height: 24px; }
    .tf-board { display: grid; grid-template-columns: repeat(3, minmax(0, 1fr)); gap: 16px; align-items: stretch; }
    @media (max-width: 799px) { .tf-board { grid-template-columns: 1fr; } }
    @media (max-width: 599px) { .tf-shortcuts-button { display: none; } }
    .tf-column { background: var(--mat-sys-surface-container); border-radius: 16px; padding: 8px 12px 12px; display: flex; flex-direction: column; }
    h2 { font: var(--mat-sys-title-medium); margin: 8px 4px; display: flex; justify-content: space-between; }
    .tf-column-count { color: var(--mat-sys-on-surface-variant); }
    /* The list fills the whole column, so a card can be dropped anywhere below the last one. */
    .tf-column-list { list-style: none; margin: 0; padding: 0; min-height: 120px; flex: 1; display: flex; flex-direction: column; gap: 8px; }
    .tf-column-list.cdk-drop-list-receiving, .tf-column-list.cdk-drop-list-dragging { outline: 2px dashed var(--mat-sys-primary); outline-offset: 4px; border-radius: 12px; }
    .tf-column-empty { padding: 20px; text-align: center; color: var(--mat-sys-on-surface-variant); border: 2px dashed var(--mat-sys-outline-variant); border-radius: 12px; }
    .tf-column-more { margin: 8px 4px 0; color: var(--mat-sys-on-surface-variant); display: flex; align-items: center; justify-content: space-between; flex-wrap: wrap; }
    .tf-card { position: relative; background: var(--mat-sys-surface); color: var(--mat-sys-on-surface); border-radius: 12px; padding: 10px 12px; border-left: 4px solid transparent; box-shadow: var(--mat-sys-level1); cursor: grab; }
    .tf-card.tf-due-overdue { border-left-color: var(--mat-sys-error); }
    .tf-card.tf-due-soon { border-left-color: var(--tf-warning); }
    .tf-card.tf-due-overdue .tf-due { background: var(--mat-sys-error-container); color: var(--mat-sys-on-error-container); }
    .tf-card.tf-due-soon .tf-due { background: var(--tf-warning-container); color: var(--tf-on-warning-container); }
    .tf-card-title { all: unset; cursor: pointer; font: var(--mat-sys-title-small); overflow-wrap: anywhere; border-radius: 4px; display: block; padding-right: 64px; }
    .tf-card-title:focus-visible { outline: 2px solid var(--mat-sys-primary); outline-offset: 2px; }
    .tf-card-meta { display: flex; flex-wrap: wrap; align-items: center; gap: 6px; margin-top: 6px; }
    .tf-tag { border: 0; cursor: pointer; }
    .tf-tag:hover { text-decoration: underline; }
    .tf-card-move { position: absolute; top: 4px; right: 4px; }
    .tf-live-mark { font: var(--mat-sys-label-medium); color: var(--mat-sys-on-surface-variant); font-style: italic; align-self: center; }
    .cdk-drag-preview { box-shadow: var(--mat-sys-level3); }
    .cdk-drag-placeholder { opacity: 0.4; }
    .cdk-drag-animating, .tf-column-list.cdk-drop-list-dragging .tf-card:not(.cdk-drag-placeholder) { transition: transform 200ms ease; }
  `,
})
export class BoardPage {
  protected readonly board = inject(BoardStore);
  protected readonly marks = inject(LiveMarks).marks;
  private readonly dialog = inject(MatDialog);
  private readonly announcer = inject(LiveAnnouncer);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);

  protected readonly statuses = TASK_STATUSES;
  protected readonly statusLabels = STATUS_LABELS;
  protected readonly priorityLabels = PRIORITY_LABELS;
  protected readonly due = dueState;
  protected readonly formatDue = formatDueDate;

  protected readonly urlFilters = inject(TaskFiltersUrl);

  constructor() {
    // Before the columns' first requests, so they load once with the URL's filters; then on every change.
    this.board.applyFilters(this.urlFilters.filters());
    effect(() => this.board.applyFilters(this.urlFilters.filters()));
  }

  protected dropped(event: CdkDragDrop<TaskStatus, TaskStatus, Task>): void {
    const task = event.item.data;
    if (event.previousContainer === event.container && event.previousIndex === event.currentIndex) return;
    this.board.move(task, event.container.data, event.currentIndex);
  }

  protected moveTo(task: Task, status: TaskStatus, index?: number): void {
    this.board.move(task, status, index);
    this.announcer.announce(`Moved “${task.title}” to ${STATUS_LABELS[status]}.`);
    this.focusCard(task.id);
  }

  protected onCardKey(event: KeyboardEvent, task: Task, index: number): void {
    const col = TASK_STATUSES.indexOf(task.status);
    const column = this.board.column(task.status);
    const step = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -1, ArrowDown: 1 }[event.key];
    if (step === undefined || event.ctrlKey || event.metaKey || event.altKey) return;
    event.preventDefault();
    if (event.shiftKey && !this.board.projectScope.canEditIn(task.projectId)) return;
    const sideways = event.key === 'ArrowLeft' || event.key === 'ArrowRight';
    if (event.shiftKey && sideways) {
      const status = TASK_STATUSES[col + step];
      if (status) this.moveTo(task, status);
    } else if (event.shiftKey) {
      const target = index + step;
      if (target < 0 || target >= column.items().length) return;
      this.board.move(task, task.status, target);
      this.announcer.announce(`Moved “${task.title}” to place ${target + 1} of ${column.total()}.`);
      this.focusCard(task.id);
    } else if (sideways) {
      const next = this.board.columns[col + step];
      const card = next?.items()[Math.min(index, next.items().length - 1)];
      if (card) this.focusCard(card.id);
    } else {
      const card = column.items()[index + step];
      if (card) this.focusCard(card.id);
    }
  }

  protected onPageKey(event: KeyboardEvent): void {
    if (event.key === '?' && this.dialog.openDialogs.length === 0 && !isTypingOrModified(event)) {
      event.preventDefault();
      this.showShortcuts();
    }
  }

  protected showShortcuts(): void {
    openShortcutsHelp(this.dialog, { title: 'Board shortcuts', shortcuts: BOARD_SHORTCUTS });
  }

  protected edit(task: Task): void {
    openTaskDialog(this.dialog, task).subscribe((result) => {
      if (result === 'deleted') {
        this.board.deleted(task);
      } else if (result) {
        this.board.saved(result);
      }
    });
  }

  private focusCard(id: string): void {
    afterNextRender(
      () =>
        Array.from(this.host.nativeElement.querySelectorAll<HTMLElement>('[data-task-id]'))
          .find((card) => card.dataset['taskId'] === id)
          ?.querySelector<HTMLElement>('.tf-card-title')
          ?.focus(),
      { injector: this.injector },
    );
  }
}
