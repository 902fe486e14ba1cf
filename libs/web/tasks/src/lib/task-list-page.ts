import { ChangeDetectionStrategy, Component, ElementRef, computed, effect, inject, signal, viewChild, viewChildren } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatMenuModule } from '@angular/material/menu';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSnackBar } from '@angular/material/snack-bar';
import { RouterLink } from '@angular/router';
import { TASK_STATUSES, TASK_TITLE_MAX_LENGTH, Task, TaskStatus } from '@taskflow/shared-contracts';
import { ProjectHeaderActions, VIEWER_MESSAGE, describeProjectError } from '@taskflow/web-projects';
import { EmptyState, isTypingOrModified, openConfirmDialog, openShortcutsHelp } from '@taskflow/web-ui';
import { parseQuickAdd } from './quick-add';
import { TaskFiltersBar } from './task-filters';
import { STATUS_LABELS } from './task-labels';
import { TaskFiltersUrl } from './task-filters-url';
import { TaskListStore } from './task-list.store';
import { hasActiveFilters } from './task-query';
import { TaskRow } from './task-row';
import { LIST_SHORTCUTS } from './task-shortcuts';
import { LiveMarks } from './live-marks';
import { openTaskDialog } from './task-dialog';

@Component({
  selector: 'tf-task-list-page',
  imports: [
    RouterLink,
    MatFormFieldModule,
    MatInputModule,
    MatButtonModule,
    MatMenuModule,
    MatProgressBarModule,
    TaskFiltersBar,
    TaskRow,
    EmptyState,
    ProjectHeaderActions,
  ],
  providers: [TaskListStore, TaskFiltersUrl],
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '(document:keydown)': 'onKey($event)' },
  template: `
    <div class="tf-page-head">
      <h1>{{ scope.title() }}</h1>
      <div class="tf-head-actions">
        <tf-project-header-actions />
        <button mat-button type="button" class="tf-shortcuts-button" (click)="showShortcuts()" aria-keyshortcuts="?">Shortcuts</button>
        @if (scope.canEdit()) {
          <button mat-button type="button" (click)="toggleSelecting()" [attr.aria-pressed]="selecting()">{{ selecting() ? 'Done selecting' : 'Select' }}</button>
        }
        <a mat-button routerLink="/tasks/board" queryParamsHandling="preserve">Board view</a>
      </div>
    </div>
    @if (!scope.canEdit()) {
      <p class="tf-view-only" role="note">{{ viewerMessage }}</p>
    }
    <form class="tf-quick-add" [hidden]="!scope.canEdit()" (submit)="$event.preventDefault(); add(titleInput)">
      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>Add a task</mat-label>
        <input
          #titleInput
          matInput
          name="title"
          [value]="newTitle()"
          (input)="newTitle.set($any($event.target).value)"
          [attr.maxlength]="titleMax"
          placeholder="Pay rent #home !high tomorrow"
          aria-keyshortcuts="n"
          aria-describedby="quick-add-hint"
        />
        <mat-hint id="quick-add-hint">Enter adds it. Inline: #tag, !high (or !low, !medium, !urgent), today, tomorrow, a weekday.</mat-hint>
      </mat-form-field>
      <button mat-flat-button type="submit" [disabled]="!newTitle().trim()">Add</button>
    </form>

    <button
      mat-stroked-button
      type="button"
      class="tf-filters-toggle"
      (click)="showFilters.set(!showFilters())"
      [attr.aria-expanded]="showFilters()"
      aria-controls="task-filters"
    >
      {{ showFilters() ? 'Hide filters' : filtered() ? 'Filters (on)' : 'Filters' }}
    </button>
    <tf-task-filters
      id="task-filters"
      [class.tf-open]="showFilters()"
      [filters]="store.filters()"
      (changed)="urlFilters.update($event)"
      (cleared)="urlFilters.reset()"
    />

    @if (selecting()) {
      <div class="tf-bulk" role="toolbar" aria-label="Bulk actions">
        <span class="tf-bulk-count" aria-live="polite">{{ selectedTasks().length }} selected</span>
        <button mat-button type="button" (click)="selectAll()">Select all shown</button>
        <button mat-stroked-button type="button" (click)="bulkDone()" [disabled]="!selectedTasks().length">Mark done</button>
        <button mat-stroked-button type="button" [matMenuTriggerFor]="bulkMove" [disabled]="!selectedTasks().length">Move to…</button>
        <mat-menu #bulkMove="matMenu">
          @for (status of statuses; track status) {
            <button mat-menu-item type="button" (click)="bulkMoveTo(status)">{{ statusLabels[status] }}</button>
          }
        </mat-menu>
        <button mat-stroked-button type="button" class="tf-danger-text" (click)="bulkDelete()" [disabled]="!selectedTasks().length">Delete</button>
        <button mat-button type="button" (click)="clearSelection()">Clear</button>
      </div>
    }

    <div class="tf-list-status" aria-live="polite">
      @if (store.loading() && !store.loadingMore()) {
        <mat-progress-bar mode="indeterminate" aria-label="Loading tasks" />
      } @else if (!store.error()) {
        <p class="tf-count">{{ store.total() }} {{ store.total() === 1 ? 'task' : 'tasks' }}</p>
      }
    </div>

    @if (store.error()) {
      <div class="tf-error" role="alert">
        <p>Could not load your tasks: {{ store.error() }}</p>
        <button mat-stroked-button type="button" (click)="store.refresh()">Try again</button>
      </div>
    } @else if (store.items().length === 0 && !store.loading()) {
      @if (filtered()) {
        <tf-empty-state heading="No task matches these filters" hint="Change or clear the filters to see more." />
      } @else {
        <tf-empty-state heading="No tasks yet" hint="Type a title in “Add a task” above and press Enter." />
      }
    } @else {
      <ul class="tf-task-list" aria-label="Tasks">
        @for (task of store.items(); track task.id) {
          <li (focusin)="activeId.set(task.id)">
            <tf-task-row
              [task]="task"
              [active]="activeId() === task.id"
              [selectable]="selecting()"
              [editable]="scope.canEditIn(task.projectId)"
              [selected]="selected().has(task.id)"
              [mark]="marks().get(task.id) ?? null"
              (toggleDone)="toggleDone($event)"
              (open)="edit($event)"
              (remove)="remove($event)"
              (tagClick)="urlFilters.update({ tag: $event })"
              (selectToggle)="toggleSelected($event)"
            />
          </li>
        }
      </ul>
      @if (store.nextCursor() || store.loadingMore()) {
        <div class="tf-more">
          <button mat-stroked-button type="button" (click)="store.loadMore()" [disabled]="store.loadingMore()">
            {{ store.loadingMore() ? 'Loading…' : 'Load more' }}
          </button>
        </div>
      }
    }
  `,
  styles: `
    :host { display: block; max-width: 960px; margin: 0 auto; padding: 16px; }
    .tf-page-head { display: flex; align-items: center; justify-content: space-between; gap: 12px; flex-wrap: wrap; }
    .tf-head-actions { display: flex; flex-wrap: wrap; gap: 4px; }
    h1 { font: var(--mat-sys-headline-small); margin: 8px 0 16px; }
    .tf-view-only { padding: 12px 16px; border-radius: 12px; background: var(--mat-sys-surface-container-high); }
    .tf-quick-add[hidden] { display: none; }
    .tf-quick-add { display: flex; gap: 8px; align-items: flex-start; margin-bottom: 16px; }
    .tf-quick-add mat-form-field { flex: 1; }
    .tf-quick-add button { margin-top: 10px; }
    .tf-filters-toggle { display: none; }
    @media (max-width: 599px) {
      .tf-shortcuts-button { display: none; }
      .tf-filters-toggle { display: inline-flex; margin-bottom: 8px; }
      tf-task-filters:not(.tf-open) { display: none; }
    }
    .tf-bulk { display: flex; flex-wrap: wrap; align-items: center; gap: 8px; margin: 12px 0 0; padding: 8px 12px; border-radius: 12px; background: var(--mat-sys-surface-container-high); }
    .tf-bulk-count { font: var(--mat-sys-label-large); margin-right: 8px; }
    .tf-danger-text { color: var(--mat-sys-error); }
    .tf-list-status { min-height: 36px; display: flex; align-items: center; }
    .tf-count { margin: 8px 0; color: var(--mat-sys-on-surface-variant); }
    .tf-task-list { list-style: none; margin: 0; padding: 0; }
    .tf-more { display: flex; justify-content: center; padding: 16px; }
    .tf-error { padding: 16px; border-radius: 12px; background: var(--mat-sys-error-container); color: var(--mat-sys-on-error-container); }
  `,
})
export class TaskListPage {
  protected readonly store = inject(TaskListStore);
  protected readonly scope = this.store.projectScope;
  protected readonly urlFilters = inject(TaskFiltersUrl);
  protected readonly viewerMessage = VIEWER_MESSAGE;
  protected readonly marks = inject(LiveMarks).marks;
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly filtersBar = viewChild.required(TaskFiltersBar);

  constructor() {
    // Before the list's first request, so it loads once with the URL's filters; then on every change.
    this.store.filters.set(this.urlFilters.filters());
    effect(() => this.store.filters.set(this.urlFilters.filters()));
  }
  private readonly titleInput = viewChild.required<ElementRef<HTMLInputElement>>('titleInput');
  private readonly rows = viewChildren(TaskRow);

  protected readonly titleMax = TASK_TITLE_MAX_LENGTH;
  protected readonly statuses = TASK_STATUSES;
  protected readonly statusLabels = STATUS_LABELS;
  protected readonly newTitle = signal('');
  protected readonly showFilters = signal(false);
  protected readonly filtered = computed(() => hasActiveFilters(this.store.filters()));

  /** The row the shortcuts act on (the focused one, or the last one moved to with j/k). */
  protected readonly activeId = signal<string | null>(null);
  protected readonly selecting = signal(false);
  protected readonly selected = signal<ReadonlySet<string>>(new Set());
  protected readonly selectedTasks = computed(() => this.store.items().filter((task) => this.selected().has(task.id)));
  private readonly activeTask = computed(() => this.store.items().find((task) => task.id === this.activeId()));

  /**
   * The field is emptied as soon as Enter is pressed, before the request goes out, so whatever is
   * typed next starts a new task instead of being lost when the answer arrives.
   */
  protected add(input: HTMLInputElement): void {
    const text = input.value.trim();
    if (!text || !this.scope.canEdit()) {
      return;
    }
    input.value = '';
    this.newTitle.set('');
    const parsed = parseQuickAdd(text);
    const projectId = this.scope.createProjectId();
    this.store.create({ ...parsed, title: parsed.title.slice(0, TASK_TITLE_MAX_LENGTH), ...(projectId ? { projectId } : {}) }).subscribe({
      next: (task) => this.snackBar.open(`Added “${task.title}”.`, undefined, { duration: 3000 }),
      error: (error: unknown) => {
        // Give the text back unless the person is already typing the next task.
        if (!input.value) {
          input.value = text;
          this.newTitle.set(text);
        }
        this.snackBar.open(`Could not add the task: ${describeProjectError(error)}`, 'OK', { duration: 8000 });
      },
    });
  }

  protected toggleDone(task: Task): void {
    const done = task.status !== 'done';
    this.store.update(task, { status: done ? 'done' : 'todo' }, done ? `Marked “${task.title}” done.` : undefined);
  }

  protected edit(task: Task): void {
    openTaskDialog(this.dialog, task).subscribe((result) => {
      if (result === 'deleted') {
        this.store.deleted(task);
      } else if (result) {
        this.store.replace(result);
      }
    });
  }

  protected remove(task: Task): void {
    openConfirmDialog(this.dialog, {
      title: 'Delete task?',
      message: `“${task.title}” will be deleted. You can undo this right after.`,
      confirmLabel: 'Delete',
    }).subscribe((confirmed) => confirmed && this.store.remove(task));
  }

  protected showShortcuts(): void {
    openShortcutsHelp(this.dialog, { title: 'Keyboard shortcuts', shortcuts: LIST_SHORTCUTS });
  }

  protected toggleSelecting(): void {
    if (this.selecting()) {
      this.clearSelection();
    } else {
      this.selecting.set(true);
    }
  }

  protected toggleSelected(task: Task): void {
    this.selecting.set(true);
    this.selected.update((ids) => {
      const next = new Set(ids);
      if (!next.delete(task.id)) next.add(task.id);
      return next;
    });
  }

  protected selectAll(): void {
    this.selected.set(new Set(this.store.items().map((task) => task.id)));
  }

  protected clearSelection(): void {
    this.selected.set(new Set());
    this.selecting.set(false);
  }

  protected bulkDone(): void {
    this.bulkMoveTo('done');
  }

  protected bulkMoveTo(status: TaskStatus): void {
    const changes = this.selectedTasks()
      .filter((task) => task.status !== status)
      .map((task) => ({ task, patch: { status } }));
    const label = status === 'done' ? 'marked done' : `moved to ${STATUS_LABELS[status]}`;
    this.store.updateMany(changes, `${changes.length} ${changes.length === 1 ? 'task' : 'tasks'} ${label}.`);
    this.clearSelection();
  }

  protected bulkDelete(): void {
    const tasks = this.selectedTasks();
    openConfirmDialog(this.dialog, {
      title: `Delete ${tasks.length} ${tasks.length === 1 ? 'task' : 'tasks'}?`,
      message: `${tasks.map((task) => `“${task.title}”`).join(', ')} will be deleted. You can undo this right after.`,
      confirmLabel: 'Delete',
    }).subscribe((confirmed) => {
      if (confirmed) {
        this.store.removeMany(tasks);
        this.clearSelection();
      }
    });
  }

  protected onKey(event: KeyboardEvent): void {
    if (this.dialog.openDialogs.length > 0 || isTypingOrModified(event)) {
      return;
    }
    const task = this.activeTask();
    const onButton = (event.target as HTMLElement | null)?.closest?.('button, a') != null;
    switch (event.key) {
      case '?':
        this.showShortcuts();
        break;
      case 'n':
        this.titleInput().nativeElement.focus();
        break;
      case '/':
        this.showFilters.set(true);
        // The filter bar may have just been shown (phones): focus once it is laid out.
        setTimeout(() => this.filtersBar().focusSearch());
        break;
      case 'j':
      case 'ArrowDown':
        this.moveActive(1);
        break;
      case 'k':
      case 'ArrowUp':
        this.moveActive(-1);
        break;
      case 'o':
      case 'Enter':
        // Enter on a button already clicks it.
        if (!task || (event.key === 'Enter' && onButton)) return;
        this.edit(task);
        break;
      case 'd':
        if (!task || !this.scope.canEditIn(task.projectId)) return;
        this.toggleDone(task);
        break;
      case 'x':
        if (!task || !this.scope.canEditIn(task.projectId)) return;
        this.toggleSelected(task);
        break;
      case '#':
      case 'Delete':
        if (!task || !this.scope.canEditIn(task.projectId)) return;
        this.remove(task);
        break;
      case 'Escape':
        if (!this.selecting()) return;
        this.clearSelection();
        break;
      default:
        return;
    }
    event.preventDefault();
  }

  private moveActive(step: number): void {
    const items = this.store.items();
    if (items.length === 0) return;
    const current = items.findIndex((task) => task.id === this.activeId());
    const next = current < 0 ? (step > 0 ? 0 : items.length - 1) : Math.min(items.length - 1, Math.max(0, current + step));
    this.activeId.set(items[next].id);
    this.rows()[next]?.focus();
  }
}
