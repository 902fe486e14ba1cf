import { ChangeDetectionStrategy, Component, ElementRef, computed, input, linkedSignal, output, viewChild } from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { TASK_PRIORITIES, TASK_STATUSES, TaskPriority, TaskStatus } from '@taskflow/shared-contracts';
import { distinctUntilChanged, map, skip, switchMap, timer } from 'rxjs';
import { PRIORITY_LABELS, STATUS_LABELS } from './task-labels';
import { SORT_OPTIONS, TaskFilters, hasActiveFilters } from './task-query';

/** The filter bar. Text fields are debounced before they reach the query. */
@Component({
  selector: 'tf-task-filters',
  imports: [MatFormFieldModule, MatInputModule, MatSelectModule, MatButtonModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mat-form-field appearance="outline" class="tf-search" subscriptSizing="dynamic">
      <mat-label>Search</mat-label>
      <input #searchInput matInput type="search" [value]="search()" (input)="search.set($any($event.target).value)" placeholder="Title or description" />
    </mat-form-field>
    @if (showStatus()) {
      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>Status</mat-label>
        <mat-select multiple [value]="filters().statuses" (selectionChange)="changed.emit({ statuses: $event.value })">
          @for (status of statuses; track status) {
            <mat-option [value]="status">{{ statusLabels[status] }}</mat-option>
          }
        </mat-select>
      </mat-form-field>
    }
    <mat-form-field appearance="outline" subscriptSizing="dynamic">
      <mat-label>Priority</mat-label>
      <mat-select multiple [value]="filters().priorities" (selectionChange)="changed.emit({ priorities: $event.value })">
        @for (priority of priorities; track priority) {
          <mat-option [value]="priority">{{ priorityLabels[priority] }}</mat-option>
        }
      </mat-select>
    </mat-form-field>
    <mat-form-field appearance="outline" subscriptSizing="dynamic">
      <mat-label>Tag</mat-label>
      <input matInput [value]="tag()" (input)="tag.set($any($event.target).value)" placeholder="work or #work" />
    </mat-form-field>
    <mat-form-field appearance="outline" subscriptSizing="dynamic">
      <mat-label>Due on or after</mat-label>
      <input matInput type="date" [value]="filters().dueFrom" (change)="changed.emit({ dueFrom: $any($event.target).value })" />
    </mat-form-field>
    <mat-form-field appearance="outline" subscriptSizing="dynamic">
      <mat-label>Due on or before</mat-label>
      <input matInput type="date" [value]="filters().dueUntil" (change)="changed.emit({ dueUntil: $any($event.target).value })" />
    </mat-form-field>
    @if (showSort()) {
      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>Sort</mat-label>
        <mat-select [value]="filters().sort" (selectionChange)="changed.emit({ sort: $event.value })">
          @for (option of sortOptions; track option.value) {
            <mat-option [value]="option.value">{{ option.label }}</mat-option>
          }
        </mat-select>
      </mat-form-field>
    }
    @if (active()) {
      <button mat-button type="button" (click)="clear()">Clear filters</button>
    }
  `,
  styles: `
    :host {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(170px, 1fr));
      gap: 8px 12px;
      align-items: center;
    }
    .tf-search { grid-column: span 2; }
    @media (max-width: 599px) {
      :host { grid-template-columns: 1fr 1fr; }
    }
  `,
})
export class TaskFiltersBar {
  readonly filters = input.required<TaskFilters>();
  readonly showSort = input(true);
  readonly showStatus = input(true);
  readonly changed = output<Partial<TaskFilters>>();
  readonly cleared = output<void>();

  protected readonly statuses = TASK_STATUSES;
  protected readonly priorities = TASK_PRIORITIES;
  protected readonly statusLabels: Record<TaskStatus, string> = STATUS_LABELS;
  protected readonly priorityLabels: Record<TaskPriority, string> = PRIORITY_LABELS;
  protected readonly sortOptions = SORT_OPTIONS;
  // Follow the filters when they change from outside (a tag chip clicked, "Clear filters").
  protected readonly search = linkedSignal(() => this.filters().q);
  protected readonly tag = linkedSignal(() => this.filters().tag);
  private readonly searchInput = viewChild.required<ElementRef<HTMLInputElement>>('searchInput');
  protected readonly active = computed(() => hasActiveFilters(this.filters()) || !!this.search() || !!this.tag());

  constructor() {
    // Not `debounceTime`: it flushes its last value when the source completes on destroy, and
    // an output must not emit from a destroyed component.
    const debounced = <T>(value: T) => timer(300).pipe(map(() => value));
    toObservable(this.search)
      .pipe(skip(1), switchMap(debounced), distinctUntilChanged(), takeUntilDestroyed())
      .subscribe((q) => this.changed.emit({ q }));
    toObservable(this.tag)
      .pipe(skip(1), switchMap(debounced), distinctUntilChanged(), takeUntilDestroyed())
      .subscribe((tag) => this.changed.emit({ tag }));
  }

  /** For the `/` shortcut. */
  focusSearch(): void {
    this.searchInput().nativeElement.focus();
  }

  protected clear(): void {
    this.search.set('');
    this.tag.set('');
    this.cleared.emit();
  }
}
