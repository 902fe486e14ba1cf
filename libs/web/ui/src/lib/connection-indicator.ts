import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';

/** The live stream's state, as `@taskflow/web-live` reports it (repeated here: ui libraries depend on no data access). */
export type ConnectionState = 'live' | 'reconnecting' | 'offline';

const LABELS: Record<ConnectionState, { text: string; hint: string }> = {
  live: { text: 'Live', hint: 'Changes by others appear as they happen.' },
  reconnecting: { text: 'Reconnecting…', hint: 'Changes by others will appear once the connection is back.' },
  offline: { text: 'Offline', hint: 'No network: changes by others will appear once you are back online.' },
};

/** A quiet, honest connection state for the top bar: a word as well as a colour, announced politely. */
@Component({
  selector: 'tf-connection-indicator',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { role: 'status', '[class]': "'tf-conn tf-conn-' + state()", '[attr.title]': 'label().hint' },
  template: `<span class="tf-conn-dot" aria-hidden="true"></span><span class="tf-conn-text">{{ label().text }}</span>`,
  styles: `
    :host { display: inline-flex; align-items: center; gap: 6px; padding: 2px 10px; border-radius: 12px; font: var(--mat-sys-label-medium); color: var(--mat-sys-on-surface-variant); white-space: nowrap; }
    .tf-conn-dot { width: 8px; height: 8px; border-radius: 50%; background: currentColor; }
    :host(.tf-conn-live) .tf-conn-dot { background: var(--tf-success); }
    :host(.tf-conn-reconnecting) { background: var(--tf-warning-container); color: var(--tf-on-warning-container); }
    :host(.tf-conn-offline) { background: var(--mat-sys-error-container); color: var(--mat-sys-on-error-container); }
  `,
})
export class ConnectionIndicator {
  readonly state = input.required<ConnectionState>();
  protected readonly label = computed(() => LABELS[this.state()]);
}
