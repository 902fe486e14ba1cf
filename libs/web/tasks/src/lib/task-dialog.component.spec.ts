import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ApplicationRef } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { MatDialog } from '@angular/material/dialog';
import type { Member, Task } from '@taskflow/shared-contracts';
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

  it('after a 412, the retry sends only the field the person changed, not the other person’s field back', async () => {
    await open(aTask(1, { title: 'Buy milk', description: '' }));
    type(field('Description'), 'from the shop on the corner');
    save();
    backend.expectOne('/api/tasks/t1').flush(null, { status: 412, statusText: 'Precondition Failed' });
    // Meanwhile someone else renamed the task.
    backend.expectOne((req) => req.method === 'GET').flush(aTask(1, { title: 'Buy oat milk', version: 2 }));
    await stable();
    expect(document.querySelector('tf-task-dialog [role=alert]')?.textContent).toContain('Someone changed this task');
    expect(field('Title').value).toBe('Buy oat milk');
    expect(field('Description').value).toBe('from the shop on the corner');
    save();
    const retry = backend.expectOne('/api/tasks/t1');
    expect(retry.request.headers.get('If-Match')).toBe('W/"2"');
    expect(retry.request.body).toEqual({ description: 'from the shop on the corner' });
    retry.flush(aTask(1, { title: 'Buy oat milk', description: 'from the shop on the corner', version: 3 }));
    await stable();
    expect(result).toMatchObject({ title: 'Buy oat milk', version: 3 });
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
