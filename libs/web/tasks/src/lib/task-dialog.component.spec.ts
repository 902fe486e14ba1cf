import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ApplicationRef } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { MatDialog } from '@angular/material/dialog';
import type { Task } from '@taskflow/shared-contracts';
import { FakeLive } from '@taskflow/web-live/testing';
import { TaskDialogResult, openTaskDialog } from './task-dialog';
import { aTask } from './testing';

describe('TaskDialog', () => {
  let backend: HttpTestingController;
  let result: TaskDialogResult | 'open';
  const stable = () => TestBed.inject(ApplicationRef).whenStable();
  const field = (label: string) => {
    const formField = Array.from(document.querySelectorAll('tf-task-dialog mat-form-field')).find((f) => f.querySelector('mat-label')?.textContent?.trim() === label);
    return formField?.querySelector('input, textarea') as HTMLInputElement;
  };
  const type = (input: HTMLInputElement, value: string) => {
    input.value = value;
    input.dispatchEvent(new Event('input'));
  };
  const save = () => (document.querySelector('tf-task-dialog button[type=submit]') as HTMLButtonElement).click();
  const button = (name: string) =>
    Array.from(document.querySelectorAll<HTMLButtonElement>('tf-task-dialog button')).find((b) => b.textContent?.trim() === name) as HTMLButtonElement;

  async function open(task: Task) {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } }],
    });
    backend = TestBed.inject(HttpTestingController);
    result = 'open';
    openTaskDialog(TestBed.inject(MatDialog), task).subscribe((r) => (result = r));
    await stable();
  }

  afterEach(() => {
    TestBed.inject(MatDialog).closeAll();
    backend.verify();
  });

  it('sends only the edited field and closes with the saved task', async () => {
    await open(aTask(1, { title: 'Buy milk', description: 'oat', tags: ['home'] }));
    type(field('Description'), 'oat, 2 litres');
    save();
    const patch = backend.expectOne('/api/tasks/t1');
    expect(patch.request.headers.get('If-Match')).toBe('W/"1"');
    expect(patch.request.body).toEqual({ description: 'oat, 2 litres' });
    patch.flush(aTask(1, { title: 'Buy milk', description: 'oat, 2 litres', version: 2 }));
    await stable();
    expect(result).toMatchObject({ version: 2, description: 'oat, 2 litres' });
  });

  it('after a 412 shows both versions field by field; the merge sends only the person’s field, with the new If-Match', async () => {
    await open(aTask(1, { title: 'Buy milk', description: '' }));
    type(field('Description'), 'from the shop on the corner');
    save();
    backend.expectOne('/api/tasks/t1').flush(null, { status: 412, statusText: 'Precondition Failed' });
    // Meanwhile someone else renamed the task.
    backend.expectOne((req) => req.method === 'GET').flush(aTask(1, { title: 'Buy oat milk', version: 2 }));
    await stable();
    const rows = Array.from(document.querySelectorAll('tf-task-conflict fieldset')).map((f) =>
      Array.from(f.querySelectorAll('legend, .tf-conflict-side, .tf-conflict-value')).map((part) => part.textContent?.replace(/\s+/g, ' ').trim()),
    );
    expect(rows).toEqual([
      ['Title · changed by them', 'Theirs', 'Buy oat milk', 'Yours', 'Buy milk'],
      ['Description · changed by you', 'Theirs', '(none)', 'Yours', 'from the shop on the corner'],
    ]);
    // The form and its Save are replaced by the choice until it is made.
    expect(document.querySelector('tf-task-dialog button[type=submit]')).toBeNull();
    button('Save this mix').click();
    const retry = backend.expectOne('/api/tasks/t1');
    expect(retry.request.headers.get('If-Match')).toBe('W/"2"');
    expect(retry.request.body).toEqual({ description: 'from the shop on the corner' });
    retry.flush(aTask(1, { title: 'Buy oat milk', description: 'from the shop on the corner', version: 3 }));
    await stable();
    expect(result).toMatchObject({ title: 'Buy oat milk', version: 3 });
  });

  it('in the conflict view, "Keep mine" overwrites theirs where both edited, and "Take theirs" saves nothing', async () => {
    await open(aTask(1, { title: 'Buy milk', priority: 'low' }));
    type(field('Title'), 'Buy soy milk');
    save();
    backend.expectOne('/api/tasks/t1').flush(null, { status: 412, statusText: 'Precondition Failed' });
    backend.expectOne((req) => req.method === 'GET').flush(aTask(1, { title: 'Buy oat milk', priority: 'high', version: 2 }));
    await stable();
    expect(document.querySelector('tf-task-conflict')?.textContent).toContain('changed by both of you');
    button('Keep mine').click();
    const keep = backend.expectOne('/api/tasks/t1');
    expect(keep.request.headers.get('If-Match')).toBe('W/"2"');
    // Keeping mine is the whole form as the person left it: their priority goes back too.
    expect(keep.request.body).toEqual({ title: 'Buy soy milk', priority: 'low' });
    // Someone saved again meanwhile: the choice is shown once more, against the newest version.
    keep.flush(null, { status: 412, statusText: 'Precondition Failed' });
    backend.expectOne((req) => req.method === 'GET').flush(aTask(1, { title: 'Buy rice milk', priority: 'high', version: 3 }));
    await stable();
    button('Take theirs').click();
    await stable();
    expect(result).toMatchObject({ title: 'Buy rice milk', version: 3 });
  });

  it('shows a field error from the server on its field', async () => {
    await open(aTask(1));
    type(field('Title'), 'x'.repeat(10));
    save();
    backend.expectOne('/api/tasks/t1').flush(
      { type: 'about:blank', title: 'Bad Request', status: 400, detail: 'Invalid', instance: '/api/tasks/t1', errors: [{ field: 'title', message: 'title is too long' }] },
      { status: 400, statusText: 'Bad Request' },
    );
    await stable();
    expect(document.querySelector('tf-task-dialog mat-error')?.textContent).toContain('title is too long');
    expect(result).toBe('open');
  });
});

describe('TaskDialog, live', () => {
  let backend: HttpTestingController;
  let live: FakeLive;
  const stable = () => TestBed.inject(ApplicationRef).whenStable();
  const field = (label: string) => {
    const formField = Array.from(document.querySelectorAll('tf-task-dialog mat-form-field')).find((f) => f.querySelector('mat-label')?.textContent?.trim() === label);
    return formField?.querySelector('input, textarea') as HTMLInputElement;
  };
  const note = () => document.querySelector('tf-task-dialog .tf-live-note')?.textContent?.trim();
  const bob = { id: 'u-bob', username: 'bob' };
  const updated = (task: ReturnType<typeof aTask>) => ({ type: 'task.updated' as const, data: { projectId: task.projectId, taskId: task.id, version: task.version, actor: bob, task } });

  beforeEach(async () => {
    live = new FakeLive();
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } }, ...live.providers],
    });
    backend = TestBed.inject(HttpTestingController);
    await live.connect();
    openTaskDialog(TestBed.inject(MatDialog), aTask(1, { title: 'Buy milk', description: '' })).subscribe();
    await stable();
  });

  afterEach(() => {
    TestBed.inject(MatDialog).closeAll();
    live.disconnect();
    backend.verify();
  });

  it('follows a newer version of the open task where the person is not editing, and says who changed it', async () => {
    field('Description').value = 'oat';
    field('Description').dispatchEvent(new Event('input'));
    await live.send(updated(aTask(1, { title: 'Buy oat milk', description: '', version: 2 })));
    await stable();
    expect(field('Title').value).toBe('Buy oat milk');
    expect(field('Description').value).toBe('oat');
    expect(note()).toBe('Updated by bob.');
    // An older one arriving late changes nothing.
    await live.send(updated(aTask(1, { title: 'Old', version: 1 })));
    expect(field('Title').value).toBe('Buy oat milk');
  });

  it('keeps the person’s edit of a field someone else changed too, and says a save will compare', async () => {
    field('Title').value = 'Buy soy milk';
    field('Title').dispatchEvent(new Event('input'));
    await live.send(updated(aTask(1, { title: 'Buy oat milk', version: 2 })));
    await stable();
    expect(field('Title').value).toBe('Buy soy milk');
    expect(note()).toBe('bob changed this task too. Saving will show their version beside yours.');
  });
});
