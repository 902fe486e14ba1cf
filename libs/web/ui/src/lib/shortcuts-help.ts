import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialog, MatDialogModule, MatDialogRef } from '@angular/material/dialog';

export interface Shortcut {
  /** Keys that do the same thing, e.g. `['j', '↓']`. */
  keys: string[];
  description: string;
}

export interface ShortcutsHelpData {
  title: string;
  shortcuts: Shortcut[];
}

/** The `?` overlay: which key does what on this page. */
@Component({
  selector: 'tf-shortcuts-help',
  imports: [MatDialogModule, MatButtonModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>{{ data.title }}</h2>
    <mat-dialog-content>
      <table class="tf-shortcuts">
        <caption class="tf-visually-hidden">Keyboard shortcuts</caption>
        <thead>
          <tr><th scope="col">Keys</th><th scope="col">Action</th></tr>
        </thead>
        <tbody>
          @for (shortcut of data.shortcuts; track shortcut.description) {
            <tr>
              <td>
                @for (key of shortcut.keys; track key; let last = $last) {
                  <kbd>{{ key }}</kbd>@if (!last) { <span class="tf-or"> or </span> }
                }
              </td>
              <td>{{ shortcut.description }}</td>
            </tr>
          }
        </tbody>
      </table>
      <p class="tf-shortcuts-note">Shortcuts are off while you type in a field.</p>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-flat-button type="button" mat-dialog-close cdkFocusInitial>Close</button>
    </mat-dialog-actions>
  `,
  styles: `
    .tf-shortcuts { border-collapse: collapse; width: 100%; }
    th { text-align: left; font: var(--mat-sys-label-large); padding: 4px 8px; border-bottom: 1px solid var(--mat-sys-outline-variant); }
    td { padding: 6px 8px; vertical-align: top; }
    kbd { display: inline-block; min-width: 1.4em; text-align: center; padding: 1px 6px; border-radius: 6px; border: 1px solid var(--mat-sys-outline); background: var(--mat-sys-surface-container-high); font: var(--mat-sys-label-large); }
    .tf-or { color: var(--mat-sys-on-surface-variant); }
    .tf-shortcuts-note { color: var(--mat-sys-on-surface-variant); margin: 12px 8px 0; }
    .tf-visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
  `,
})
export class ShortcutsHelp {
  protected readonly data = inject<ShortcutsHelpData>(MAT_DIALOG_DATA);
}

export function openShortcutsHelp(dialog: MatDialog, data: ShortcutsHelpData): MatDialogRef<ShortcutsHelp> {
  return dialog.open(ShortcutsHelp, { data, width: '480px', maxWidth: '100vw', autoFocus: 'first-tabbable' });
}

/**
 * Whether a key press belongs to what the person is typing (a field, a select, an editable
 * area) or carries a modifier: page shortcuts leave those alone.
 */
export function isTypingOrModified(event: KeyboardEvent): boolean {
  if (event.ctrlKey || event.metaKey || event.altKey) return true;
  const target = event.target as HTMLElement | null;
  if (!target || typeof target.closest !== 'function') return false;
  return !!target.closest('input:not([type=checkbox]):not([type=radio]):not([type=button]), textarea, select, [contenteditable=""], [contenteditable="true"], [role="combobox"], [role="listbox"], [role="menu"]');
}
