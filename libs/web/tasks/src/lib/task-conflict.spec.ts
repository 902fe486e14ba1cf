import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { EditableTask, TaskConflict, editableOf } from './task-conflict';
import { aTask } from './testing';

const base = aTask(1, { title: 'Buy milk', priority: 'low', tags: ['home'], dueDate: null });

@Component({
  imports: [TaskConflict],
  template: `<tf-task-conflict [base]="base" [mine]="mine()" [theirs]="theirs()" (resolved)="resolved.set($event)" />`,
})
class Host {
  readonly base = base;
  readonly mine = signal<EditableTask>({ ...editableOf(base), title: 'Buy soy milk', tags: ['home', 'shop'] });
  readonly theirs = signal(aTask(1, { title: 'Buy oat milk', priority: 'high', tags: ['home'], dueDate: '2026-05-01', version: 2 }));
  readonly resolved = signal<EditableTask | null>(null);
}

describe('TaskConflict', () => {
  async function render() {
    const fixture = TestBed.createComponent(Host);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const legend = () => Array.from(el.querySelectorAll('legend')).map((l) => l.textContent?.replace(/\s+/g, ' ').trim());
    const radio = (field: string, side: 'mine' | 'theirs') => el.querySelector(`input[name="keep-${field}"][value="${side}"]`) as HTMLInputElement;
    const click = (name: string) => Array.from(el.querySelectorAll('button')).find((b) => b.textContent?.trim() === name)?.click();
    return { fixture, el, legend, radio, click };
  }

  it('lists every field that differs, says who changed it, and starts each choice on the side that changed it', async () => {
    const { legend, radio } = await render();
    expect(legend()).toEqual(['Title · changed by both of you', 'Priority · changed by them', 'Due date · changed by them', 'Tags · changed by you']);
    expect(radio('title', 'mine').checked).toBe(true);
    expect(radio('priority', 'theirs').checked).toBe(true);
    expect(radio('tags', 'mine').checked).toBe(true);
  });

  it('saves the mix chosen field by field', async () => {
    const { fixture, radio, click } = await render();
    radio('title', 'theirs').click();
    radio('priority', 'mine').click();
    await fixture.whenStable();
    click('Save this mix');
    expect(fixture.componentInstance.resolved()).toEqual({ ...editableOf(base), title: 'Buy oat milk', priority: 'low', dueDate: '2026-05-01', tags: ['home', 'shop'] });
  });

  it('"Keep mine" is the form as it is; "Take theirs" is the latest version', async () => {
    const { fixture, click } = await render();
    click('Keep mine');
    expect(fixture.componentInstance.resolved()).toEqual(fixture.componentInstance.mine());
    click('Take theirs');
    expect(fixture.componentInstance.resolved()).toEqual(editableOf(fixture.componentInstance.theirs()));
  });

  it('with the same values on both sides there is nothing to choose', async () => {
    const { fixture, el, legend } = await render();
    fixture.componentInstance.mine.set(editableOf(fixture.componentInstance.theirs()));
    await fixture.whenStable();
    expect(legend()).toEqual([]);
    expect(el.textContent).toContain('Your changes and theirs are the same.');
  });
});
