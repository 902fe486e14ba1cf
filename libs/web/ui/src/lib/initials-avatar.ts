import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';

/** "alice" → "AL", "bob.smith" → "BS", "x" → "X". */
export function initialsOf(name: string): string {
  const parts = name.split(/[\s._-]+/).filter(Boolean);
  if (parts.length >= 2) return (parts[0][0] + parts[1][0]).toUpperCase();
  return name.slice(0, 2).toUpperCase();
}

// Material's container roles: each pair has enough contrast in light and dark.
const TONES = ['primary', 'secondary', 'tertiary'] as const;

function toneOf(seed: string): (typeof TONES)[number] {
  let hash = 0;
  for (const char of seed) hash = (hash * 31 + char.charCodeAt(0)) | 0;
  return TONES[Math.abs(hash) % TONES.length];
}

/** A round badge with a person's initials; `label` is what a screen reader hears (and the tooltip). */
@Component({
  selector: 'tf-initials-avatar',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { role: 'img', '[attr.aria-label]': 'spoken()', '[title]': 'spoken()', '[class]': "'tf-tone-' + tone()" },
  template: `<span aria-hidden="true">{{ initials() }}</span>`,
  styles: `
    :host {
      display: inline-grid; place-items: center; flex: none; width: 24px; height: 24px; border-radius: 50%;
      font: var(--mat-sys-label-small); font-weight: 600; letter-spacing: 0;
    }
    :host(.tf-tone-primary) { background: var(--mat-sys-primary-container); color: var(--mat-sys-on-primary-container); }
    :host(.tf-tone-secondary) { background: var(--mat-sys-secondary-container); color: var(--mat-sys-on-secondary-container); }
    :host(.tf-tone-tertiary) { background: var(--mat-sys-tertiary-container); color: var(--mat-sys-on-tertiary-container); }
  `,
})
export class InitialsAvatar {
  readonly name = input.required<string>();
  /** Picks the colour, so one person keeps theirs everywhere (their user id). */
  readonly seed = input<string>('');
  readonly label = input<string>('');

  protected readonly initials = computed(() => initialsOf(this.name()));
  protected readonly spoken = computed(() => this.label() || this.name());
  protected readonly tone = computed(() => toneOf(this.seed() || this.name()));
}
