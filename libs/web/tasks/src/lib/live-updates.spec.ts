import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, TestRequest, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import type { Task, TaskStatus } from '@taskflow/shared-contracts';
import { FakeLive } from '@taskflow/web-live/testing';
import { BoardPage } from './board-page';
import { TaskListPage } from './task-list-page';
import { aList, aTask } from './testing';

@Component({ selector: 'tf-blank', template: '' })
class Blank {}

const bob = { id: 'u-bob', username: 'bob' };
const alice = { id: 'u-alice', username: 'alice' };
const changed = (task: Task, actor = bob, changes?: Record<string, { from: unknown; to: unknown }>) => ({
  type: 'task.updated' as const,
  data: { projectId: task.projectId, taskId: task.id, version: task.version, actor, task, ...(changes ? { changes } : {}) },
});

describe('live updates on the task pages', () => {
  let backend: HttpTestingController;
  let live: FakeLive;
  let fixture: ComponentFixture<unknown>;
  let el: HTMLElement;

  async function open<T>(page: new (...args: never[]) => T, url = '/tasks') {
    live = new FakeLive();
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([{ path: '**', component: Blank }]), ...live.providers],
    });
    backend = TestBed.inject(HttpTestingController);
    await TestBed.inject(Router).navigateByUrl(url);
    await live.connect(alice);
    fixture = TestBed.createComponent(page);
    el = fixture.nativeElement as HTMLElement;
    TestBed.tick();
  }
  const taskRequests = (): TestRequest[] => {
    TestBed.tick();
    return backend.match((req) => req.method === 'GET' && req.url === '/api/tasks');
  };
  const columns = (): Record<TaskStatus, TestRequest> =>
    Object.fromEntries(taskRequests().map((req) => [req.request.params.get('status'), req])) as Record<TaskStatus, TestRequest>;
  const column = (status: TaskStatus) => el.querySelector(`ul[data-status="${status}"]`) as HTMLElement;
  const titles = (status: TaskStatus) => Array.from(column(status).querySelectorAll('.tf-card-title')).map((b) => b.textContent?.trim());
  const count = (status: TaskStatus) => el.querySelector(`#col-${status} .tf-column-count`)?.textContent?.trim();
  const rows = () => Array.from(el.querySelectorAll('tf-task-row .tf-row-title')).map((b) => b.textContent?.trim());

  afterEach(() => {
    live.disconnect();
    backend.verify();
  });

  it('a card moved by bob leaves its column and enters the other at its place, marked "moved by bob"', async () => {
    await open(BoardPage, '/tasks/board');
    const requests = columns();
    expect(requests.todo.request.params.get('sort')).toBe('position');
    requests.todo.flush(aList([aTask(1, { position: 1024 }), aTask(2, { position: 2048 })], 2));
    requests.in_progress.flush(aList([aTask(3, { status: 'in_progress', position: 1024 }), aTask(4, { status: 'in_progress', position: 4096 })], 2));
    requests.done.flush(aList([], 0));
    await fixture.whenStable();

    await live.send(changed(aTask(1, { status: 'in_progress', position: 2048, version: 2 }), bob, { status: { from: 'todo', to: 'in_progress' } }));
    expect(titles('todo')).toEqual(['Task 2']);
    expect(titles('in_progress')).toEqual(['Task 3', 'Task 1', 'Task 4']);
    expect([count('todo'), count('in_progress')]).toEqual(['1', '3']);
    const card = column('in_progress').querySelector('[data-task-id="t1"]');
    expect(card?.textContent).toContain('moved by bob');

    // An older version arriving late changes nothing.
    await live.send(changed(aTask(1, { status: 'done', version: 1 })));
    expect(titles('done')).toEqual([]);
    expect(titles('in_progress')).toEqual(['Task 3', 'Task 1', 'Task 4']);

    // Deleted: gone, and counted out.
    await live.send({ type: 'task.deleted', data: { projectId: 'p-inbox', taskId: 't4', version: 2, actor: bob } });
    expect(titles('in_progress')).toEqual(['Task 3', 'Task 1']);
    expect(count('in_progress')).toBe('2');
  });

  it('my own move, confirmed by its event, is counted once in each column, with or without more pages', async () => {
    await open(BoardPage, '/tasks/board');
    const requests = columns();
    requests.todo.flush(aList([aTask(1, { position: 1024 }), aTask(2, { position: 2048 })], 30, 'more'));
    requests.in_progress.flush(aList([], 0));
    requests.done.flush(aList([], 0));
    await fixture.whenStable();
    const move = column('todo').querySelector<HTMLButtonElement>('[data-task-id="t1"] .tf-card-title') as HTMLButtonElement;
    move.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', shiftKey: true, bubbles: true, cancelable: true }));
    TestBed.tick();
    expect([count('todo'), count('in_progress')]).toEqual(['29', '1']);
    const moved = aTask(1, { status: 'in_progress', position: 1024, version: 2 });
    // The event overtakes the PATCH response, as it may.
    await live.send(changed(moved, alice, { status: { from: 'todo', to: 'in_progress' } }));
    backend.expectOne((req) => req.method === 'PATCH').flush(moved);
    await fixture.whenStable();
    expect([count('todo'), count('in_progress')]).toEqual(['29', '1']);
    expect(titles('in_progress')).toEqual(['Task 1']);
    // Someone else's move of a task on a page not loaded yet is counted out all the same.
    await live.send(changed(aTask(40, { status: 'done', version: 3 }), bob, { status: { from: 'todo', to: 'done' } }));
    expect([count('todo'), count('done')]).toEqual(['28', '1']);
  });

  it('my own change from another tab is applied without a mark; a reset reloads every column', async () => {
    await open(BoardPage, '/tasks/board');
    const requests = columns();
    requests.todo.flush(aList([aTask(1)], 1));
    requests.in_progress.flush(aList([], 0));
    requests.done.flush(aList([], 0));
    await fixture.whenStable();
    await live.send(changed(aTask(1, { title: 'Renamed', version: 2 }), alice, { title: { from: 'Task 1', to: 'Renamed' } }));
    expect(titles('todo')).toEqual(['Renamed']);
    expect(el.textContent).not.toContain('by alice');

    await live.send({ type: 'reset', data: {} });
    const reloads = columns();
    expect(Object.keys(reloads).sort()).toEqual(['done', 'in_progress', 'todo']);
    for (const req of Object.values(reloads)) req.flush(aList([], 0));
    await fixture.whenStable();
  });

  it('the list keeps to its filters and project: a task that leaves them goes, one that enters comes in sorted, edits are marked', async () => {
    await open(TaskListPage, '/tasks?project=p1');
    const [first] = taskRequests();
    expect(first.request.params.get('projectId')).toBe('p1');
    first.flush(aList([aTask(3, { projectId: 'p1' }), aTask(1, { projectId: 'p1' })], 2));
    await fixture.whenStable();
    expect(rows()).toEqual(['Task 3', 'Task 1']);

    await live.send({ type: 'task.created', data: { projectId: 'p1', taskId: 't5', version: 1, actor: bob, task: aTask(5, { projectId: 'p1' }) } });
    await live.send({ type: 'task.created', data: { projectId: 'p2', taskId: 't6', version: 1, actor: bob, task: aTask(6, { projectId: 'p2' }) } });
    expect(rows()).toEqual(['Task 5', 'Task 3', 'Task 1']);
    expect(el.querySelector('.tf-count')?.textContent).toContain('3 tasks');
    expect(el.textContent).toContain('added by bob');

    await live.send(changed(aTask(1, { projectId: 'p1', title: 'Task one', version: 2 }), bob, { title: { from: 'Task 1', to: 'Task one' } }));
    const row = Array.from(el.querySelectorAll('tf-task-row')).find((r) => r.textContent?.includes('Task one'));
    expect(row?.textContent).toContain('edited by bob');

    // Moved to another project: it no longer belongs to this view.
    await live.send(changed(aTask(3, { projectId: 'p2', version: 2 }), bob, { projectId: { from: 'p1', to: 'p2' } }));
    expect(rows()).toEqual(['Task 5', 'Task one']);
    expect(el.querySelector('.tf-count')?.textContent).toContain('2 tasks');
  });

  it('a task that now matches but sorts after the last loaded page is counted, not shown', async () => {
    await open(TaskListPage);
    const [first] = taskRequests();
    first.flush(aList([aTask(9), aTask(8)], 40, 'next'));
    await fixture.whenStable();
    // Created long ago (older than every loaded task) and now changed so that it counts.
    await live.send({ type: 'task.created', data: { projectId: 'p-inbox', taskId: 't1', version: 1, actor: bob, task: aTask(1) } });
    expect(rows()).toEqual(['Task 9', 'Task 8']);
    expect(el.querySelector('.tf-count')?.textContent).toContain('41 tasks');
  });

  it('losing a project (member.removed for me) reloads the list', async () => {
    await open(TaskListPage);
    taskRequests()[0].flush(aList([aTask(1, { projectId: 'p1' })], 1));
    await fixture.whenStable();
    await live.send({ type: 'member.removed', data: { projectId: 'p1', userId: 'u-bob', actor: alice } });
    expect(taskRequests()).toHaveLength(0);
    await live.send({ type: 'member.removed', data: { projectId: 'p1', userId: 'u-alice', actor: bob } });
    const [reload] = taskRequests();
    reload.flush(aList([], 0));
    await fixture.whenStable();
    expect(rows()).toEqual([]);
  });
});
