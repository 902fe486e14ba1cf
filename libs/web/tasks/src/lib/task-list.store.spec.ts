import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, TestRequest, provideHttpClientTesting } from '@angular/common/http/testing';
import { ApplicationRef } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MatSnackBar } from '@angular/material/snack-bar';
import type { Task } from '@taskflow/shared-contracts';
import { Subject } from 'rxjs';
import { TaskListStore } from './task-list.store';
import { aList, aTask } from './testing';

// This store's tasks sit in one project and carry a board position, as a v2 server sends them.
const task = (n: number, patch: Partial<Task> = {}): Task => aTask(n, { projectId: 'p1', position: 1024, ...patch });
const list = aList;

describe('TaskListStore', () => {
  let store: TaskListStore;
  let backend: HttpTestingController;
  let snack: { open: jest.Mock };
  let undo: Subject<void>;
  const settle = () => TestBed.inject(ApplicationRef).whenStable();

  function expectList(): TestRequest {
    TestBed.tick();
    return backend.expectOne((req) => req.url === '/api/tasks' && req.method === 'GET');
  }

  beforeEach(() => {
    undo = new Subject<void>();
    snack = { open: jest.fn(() => ({ onAction: () => undo })) };
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), TaskListStore, { provide: MatSnackBar, useValue: snack }],
    });
    store = TestBed.inject(TaskListStore);
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => backend.verify());

  it('loads the first page with the default sort and limit', async () => {
    const req = expectList();
    expect(req.request.params.toString()).toBe('sort=-createdAt&limit=20');
    req.flush(list([task(1), task(2)], 3, 'c1'));
    await settle();
    expect(store.items().map((t) => t.id)).toEqual(['t1', 't2']);
    expect(store.total()).toBe(3);
    expect(store.nextCursor()).toBe('c1');
  });

  it('appends the next page over the cursor, then starts again when the filters change', async () => {
    expectList().flush(list([task(1), task(2)], 3, 'c1'));
    await settle();

    store.loadMore();
    const more = expectList();
    expect(more.request.params.get('cursor')).toBe('c1');
    more.flush(list([task(3)], 3, null));
    await settle();
    expect(store.items().map((t) => t.id)).toEqual(['t1', 't2', 't3']);
    expect(store.nextCursor()).toBeNull();

    store.setFilters({ statuses: ['todo', 'done'], priorities: ['high'], q: 'milk' });
    const filtered = expectList();
    expect(filtered.request.params.has('cursor')).toBe(false);
    expect(filtered.request.params.get('status')).toBe('todo,done');
    expect(filtered.request.params.get('priority')).toBe('high');
    expect(filtered.request.params.get('q')).toBe('milk');
    filtered.flush(list([task(2)], 1, null));
    await settle();
    expect(store.items().map((t) => t.id)).toEqual(['t2']);
    expect(store.total()).toBe(1);
  });

  it('does not reload when the filters are set to what they already are', async () => {
    expectList().flush(list([task(1)], 1, null));
    await settle();
    store.setFilters({ q: '' });
    TestBed.tick();
    backend.expectNone('/api/tasks');
  });

  it('changes the status at once and keeps the saved task', async () => {
    expectList().flush(list([task(1)], 1, null));
    await settle();

    store.update(store.items()[0], { status: 'done' });
    expect(store.items()[0].status).toBe('done');
    const patch = backend.expectOne('/api/tasks/t1');
    expect(patch.request.method).toBe('PATCH');
    expect(patch.request.headers.get('If-Match')).toBe('W/"1"');
    expect(patch.request.body).toEqual({ status: 'done' });
    patch.flush(task(1, { status: 'done', version: 2, completedAt: '2026-01-02T00:00:00Z' }));
    expect(store.items()[0]).toMatchObject({ status: 'done', version: 2 });
  });

  it('rolls back on 412, reloads the task and says so', async () => {
    expectList().flush(list([task(1)], 1, null));
    await settle();

    store.update(store.items()[0], { status: 'in_progress' });
    backend.expectOne('/api/tasks/t1').flush(null, { status: 412, statusText: 'Precondition Failed' });
    expect(store.items()[0].status).toBe('todo');
    const reload = backend.expectOne((req) => req.method === 'GET' && req.url === '/api/tasks/t1');
    reload.flush(task(1, { title: 'Renamed elsewhere', version: 3 }));
    expect(store.items()[0]).toMatchObject({ title: 'Renamed elsewhere', version: 3, status: 'todo' });
    expect(snack.open).toHaveBeenCalledWith(expect.stringContaining('was changed elsewhere'), 'OK', expect.anything());
  });

  it('rolls back with a message when the server refuses for another reason', async () => {
    expectList().flush(list([task(1)], 1, null));
    await settle();
    store.update(store.items()[0], { status: 'done' });
    backend.expectOne('/api/tasks/t1').flush(null, { status: 500, statusText: 'Server Error' });
    expect(store.items()[0].status).toBe('todo');
    expect(snack.open).toHaveBeenCalledWith(expect.stringContaining('Could not save'), 'OK', expect.anything());
  });

  it('deletes a task and counts one less', async () => {
    expectList().flush(list([task(1), task(2)], 2, null));
    await settle();
    store.remove(store.items()[0]);
    const del = backend.expectOne('/api/tasks/t1');
    expect(del.request.method).toBe('DELETE');
    del.flush(null, { status: 204, statusText: 'No Content' });
    expect(store.items().map((t) => t.id)).toEqual(['t2']);
    expect(store.total()).toBe(1);
  });

  it('creates a task and reloads the first page', async () => {
    expectList().flush(list([], 0, null));
    await settle();
    store.create({ title: 'Buy milk' }).subscribe();
    const post = backend.expectOne((req) => req.method === 'POST' && req.url === '/api/tasks');
    expect(post.request.body).toEqual({ title: 'Buy milk' });
    post.flush(task(9, { title: 'Buy milk' }), { status: 201, statusText: 'Created' });
    expectList().flush(list([task(9, { title: 'Buy milk' })], 1, null));
    await settle();
    expect(store.items()[0].title).toBe('Buy milk');
  });

  it('reports a failed load', async () => {
    expectList().flush({ type: 'about:blank', title: 'Bad Request', status: 400, detail: 'sort: unknown field', instance: '/api/tasks' }, { status: 400, statusText: 'Bad Request' });
    await settle();
    expect(store.error()).toBe('sort: unknown field');
    expect(store.items()).toEqual([]);
  });

  it('offers to undo a done: Undo sends the old status back with the new version', async () => {
    expectList().flush(list([task(1)], 1, null));
    await settle();
    store.update(store.items()[0], { status: 'done' }, 'Marked “Task 1” done.');
    backend.expectOne('/api/tasks/t1').flush(task(1, { status: 'done', version: 2 }));
    expect(snack.open).toHaveBeenCalledWith('Marked “Task 1” done.', 'Undo', expect.anything());
    undo.next();
    const back = backend.expectOne('/api/tasks/t1');
    expect(back.request.headers.get('If-Match')).toBe('W/"2"');
    expect(back.request.body).toEqual({ status: 'todo' });
    back.flush(task(1, { status: 'todo', version: 3 }));
    expect(store.items()[0]).toMatchObject({ status: 'todo', version: 3 });
  });

  it('undoes a delete by creating the task again from what was shown', async () => {
    const shown = task(1, { title: 'Pay rent', priority: 'high', tags: ['home'], dueDate: '2026-05-01', description: 'before the 5th' });
    expectList().flush(list([shown, task(2)], 2, null));
    await settle();
    store.removeMany([store.items()[0]]);
    backend.expectOne('/api/tasks/t1').flush(null, { status: 204, statusText: 'No Content' });
    expect(store.total()).toBe(1);
    expect(snack.open).toHaveBeenCalledWith('Deleted “Pay rent”.', 'Undo', expect.anything());
    undo.next();
    const post = backend.expectOne((req) => req.method === 'POST' && req.url === '/api/tasks');
    expect(post.request.body).toEqual({
      title: 'Pay rent', description: 'before the 5th', status: 'todo', priority: 'high', dueDate: '2026-05-01', tags: ['home'],
      projectId: 'p1', assigneeId: null, position: shown.position,
    });
    post.flush(task(7, { title: 'Pay rent' }), { status: 201, statusText: 'Created' });
    expectList().flush(list([task(7, { title: 'Pay rent' }), task(2)], 2, null));
    await settle();
    expect(store.items().map((t) => t.id)).toEqual(['t7', 't2']);
  });

  it('applies a bulk change to each task and rolls back only the refused one', async () => {
    expectList().flush(list([task(1), task(2)], 2, null));
    await settle();
    store.updateMany(store.items().map((t) => ({ task: t, patch: { status: 'in_progress' as const } })), '2 tasks moved.');
    expect(store.items().map((t) => t.status)).toEqual(['in_progress', 'in_progress']);
    backend.expectOne('/api/tasks/t1').flush(task(1, { status: 'in_progress', version: 2 }));
    backend.expectOne('/api/tasks/t2').flush(null, { status: 500, statusText: 'Server Error' });
    expect(store.items().map((t) => t.status)).toEqual(['in_progress', 'todo']);
    expect(snack.open).toHaveBeenCalledWith(expect.stringContaining('Could not save “Task 2”'), 'OK', expect.anything());
  });

  it('sends #work as the tag work', async () => {
    expectList().flush(list([], 0, null));
    await settle();
    store.setFilters({ tag: '#Work' });
    const req = expectList();
    expect(req.request.params.get('tag')).toBe('work');
    req.flush(list([], 0, null));
  });
});
