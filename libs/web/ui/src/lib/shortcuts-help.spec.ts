import { TestBed } from '@angular/core/testing';
import { MatDialog } from '@angular/material/dialog';
import { firstValueFrom } from 'rxjs';
import { isTypingOrModified, openShortcutsHelp } from './shortcuts-help';

describe('ShortcutsHelp', () => {
  it('lists every shortcut with its keys', async () => {
    const dialog = TestBed.inject(MatDialog);
    openShortcutsHelp(dialog, { title: 'Keyboard shortcuts', shortcuts: [{ keys: ['j', '↓'], description: 'Next task' }, { keys: ['n'], description: 'New task' }] });
    await firstValueFrom(dialog.openDialogs[0].afterOpened());
    const rows = Array.from(document.querySelectorAll('tf-shortcuts-help tbody tr')).map((row) =>
      Array.from(row.querySelectorAll('td')).map((cell) => cell.textContent?.replace(/\s+/g, ' ').trim()),
    );
    expect(rows).toEqual([
      ['j or ↓', 'Next task'],
      ['n', 'New task'],
    ]);
    dialog.closeAll();
  });
});

describe('isTypingOrModified', () => {
  function keyOn(element: HTMLElement, init: KeyboardEventInit = {}): KeyboardEvent {
    const event = new KeyboardEvent('keydown', { key: 'n', bubbles: true, ...init });
    Object.defineProperty(event, 'target', { value: element });
    return event;
  }

  it('ignores keys typed into fields and keys with modifiers', () => {
    expect(isTypingOrModified(keyOn(document.createElement('input')))).toBe(true);
    expect(isTypingOrModified(keyOn(document.createElement('textarea')))).toBe(true);
    expect(isTypingOrModified(keyOn(document.createElement('button'), { ctrlKey: true }))).toBe(true);
    expect(isTypingOrModified(keyOn(document.createElement('button')))).toBe(false);
    expect(isTypingOrModified(keyOn(document.body))).toBe(false);
  });
});
