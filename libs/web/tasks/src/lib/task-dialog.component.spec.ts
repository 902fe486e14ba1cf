import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ApplicationRef } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { MatDialog } from '@angular/material/dialog';
import type { Member, Task } from '@taskflow/shared-contracts';
import { FakeLive } from '@taskflow/web-live/testing';
import { ProjectScope } from '@taskflow/web-projects';
import { TaskDialogResult, openTaskDialog } from './task-dialog';
import { aTask } from './testing';

const aMember = (userId: string, username: string, role: Member['role'] = 'editor'): Member => ({ userId, username, role, addedAt: '2026-01-01T00:00:00Z' });

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

  const members = [aMember('u-alice', 'alice', 'owner'), aMember('u-bob', 'bob')];

  async function open(task: Task, role: 'owner' | 'viewer' = 'owner') {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } }],
    });
    backend = TestBed.inject(HttpTestingController);
    TestBed.inject(ProjectScope).projects.set([{ id: task.projectId, role } as never]);
    result = 'open';
    openTaskDialog(TestBed.inject(MatDialog), task).subscribe((r) => (result = r));
    await stable();
    // The assignee picker offers the members of the task's own project.
    backend.expectOne(`/api/projects/${task.projectId}/members`).flush({ items: members });
    await stable();
  }
  const assigneeSelect = () => document.querySelector('tf-task-dialog tf-assignee-picker mat-select') as HTMLElement;

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

  it('assigns to a member of the task’s project only, and sends just the assignee', async () => {
    await open(aTask(1, { projectId: 'p-garden' }));
    expect(assigneeSelect().textContent?.trim()).toBe('Unassigned');
    assigneeSelect().click();
    await stable();
    const options = Array.from(document.querySelectorAll<HTMLElement>('mat-option'));
    expect(options.map((option) => option.textContent?.trim())).toEqual(['Unassigned', 'AL alice', 'BO bob']);
    options[2].click();
    await stable();
    save();
    const patch = backend.expectOne('/api/tasks/t1');
    expect(patch.request.body).toEqual({ assigneeId: 'u-bob' });
    patch.flush(aTask(1, { projectId: 'p-garden', assigneeId: 'u-bob', version: 2 }));
    await stable();
    expect(result).toMatchObject({ assigneeId: 'u-bob' });
  });

  it('shows a viewer the task read-only: fields disabled, no Save, no Delete, and says why', async () => {
    await open(aTask(1, { assigneeId: 'u-bob', tags: ['home'] }), 'viewer');
    const dialog = document.querySelector('tf-task-dialog') as HTMLElement;
    expect(dialog.querySelector('h2')?.textContent?.trim()).toBe('Task');
    expect(dialog.querySelector('[role="note"]')?.textContent).toContain('You can view this project but not change it.');
    expect(field('Title').disabled).toBe(true);
    expect(field('Description').disabled).toBe(true);
    expect(field('Add a tag')).toBeUndefined();
    expect(dialog.querySelector('.tf-tags')?.textContent).toContain('#home');
    expect(dialog.querySelector('.tf-tag-remove')).toBeNull();
    expect(assigneeSelect().getAttribute('aria-disabled')).toBe('true');
    expect(assigneeSelect().textContent?.trim()).toBe('bob');
    const labels = Array.from(dialog.querySelectorAll('mat-dialog-actions button')).map((b) => b.textContent?.trim());
    expect(labels).toEqual(['Close']);
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
    const task = aTask(1, { title: 'Buy milk', description: '' });
    openTaskDialog(TestBed.inject(MatDialog), task).subscribe();
    await stable();
    backend.expectOne(`/api/projects/${task.projectId}/members`).flush({ items: [aMember('u-alice', 'alice', 'owner'), aMember('u-bob', 'bob')] });
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
