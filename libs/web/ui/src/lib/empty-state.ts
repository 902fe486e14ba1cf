import { ChangeDetectionStrategy, Component, input } from '@angular/core';

@Component({
  selector: 'tf-empty-state',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <p class="tf-empty-state__title">{{ heading() }}</p>
    @if (hint()) {
      <p class="tf-empty-state__hint">{{ hint() }}</p>
    }
    <ng-content />
  `,
  styles: `
    :host {
      display: block;
      text-align: center;
      padding: 48px 16px;
      color: var(--mat-sys-on-surface-variant);
    }
    .tf-empty-state__title {
      font: var(--mat-sys-title-medium);
      color: var(--mat-sys-on-surface);
      margin: 0 0 8px;
    }
    .tf-empty-state__hint {
      margin: 0;
    }
  `,
})
export class EmptyState {
  readonly heading = input.required<string>();
  readonly hint = input<string>('');
}
