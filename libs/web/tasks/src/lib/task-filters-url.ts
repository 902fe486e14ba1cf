import { Injectable, computed, inject } from '@angular/core';
import { Router } from '@angular/router';
import { ProjectScope } from '@taskflow/web-projects';
import { DEFAULT_FILTERS, TaskFilters, filtersFromParams, filtersToParams } from './task-query';

/**
 * The filters of the list and the board live in the URL, like the project: a change navigates
 * (one history entry), and the pages read the filters back from the URL, so reload, Back and a
 * shared link show the same view. Provided per page.
 */
@Injectable()
export class TaskFiltersUrl {
  private readonly router = inject(Router);
  private readonly scope = inject(ProjectScope);

  readonly filters = computed(() => filtersFromParams(this.scope.queryParams()), {
    equal: (a, b) => JSON.stringify(a) === JSON.stringify(b),
  });

  update(patch: Partial<TaskFilters>): void {
    this.go({ ...this.filters(), ...patch });
  }

  reset(): void {
    this.go(DEFAULT_FILTERS);
  }

  private go(filters: TaskFilters): void {
    const params = filtersToParams(filters);
    const current = filtersToParams(this.filters());
    if (JSON.stringify(params) === JSON.stringify(current)) return;
    // Keeps `project` and anything else in the query; the path (list or board) stays.
    void this.router.navigate([this.scope.path()], { queryParams: params, queryParamsHandling: 'merge' });
  }
}
