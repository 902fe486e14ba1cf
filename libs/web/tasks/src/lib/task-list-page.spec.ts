import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, TestRequest, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MatDialog } from '@angular/material/dialog';
import { Router, provideRouter } from '@angular/router';
import { TaskListPage } from './task-list-page';
import { aList, aTask } from './testing';

describe('TaskListPage', () => {
  let fixture: ComponentFixture<TaskListPage>;
  let backend: HttpTestingController;
  let el: HTMLElement;

  const listRequest = (): TestRequest => {
    TestBed.tick();
    return backend.expectOne((req) => req.method === 'GET' && req.url === '/api/tasks');
  };
  const stable = () => fixture.whenStable();
  const press = (key: string, target: EventTarget = document.body) =>
    target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
  const rows = () => Array.from(el.querySelectorAll('tf-task-row'));

  beforeEach(async () => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])] });
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(TaskListPage);
    el = fixture.nativeElement;
    listRequest().flush(aList([aTask(1, { tags: ['work'] }), aTask(2), aTask(3)], 3));
    await stable();
  });

  afterEach(() => {
    TestBed.inject(MatDialog).closeAll();
    backend.verify();
  });

  it('shows the tasks and their count', () => {
    expect(rows().map((row) => row.querySelector('.tf-row-title')?.textContent?.trim())).toEqual(['Task 1', 'Task 2', 'Task 3']);
    expect(el.querySelector('.tf-count')?.textContent).toContain('3 tasks');
  });

  it('quick add empties the field at once, keeps what is typed next, and sends the inline markers', async () => {
    const input = el.querySelector<HTMLInputElement>('input[name=title]') as HTMLInputElement;
    input.value = 'Pay rent #Home !high';
    input.dispatchEvent(new Event('input'));
    input.form?.dispatchEvent(new Event('submit', { cancelable: true }));
    expect(input.value).toBe('');
    // Typed while the create request is still in flight.
    input.value = 'Next one';
    input.dispatchEvent(new Event('input'));
    const post = backend.expectOne((req) => req.method === 'POST');
    expect(post.request.body).toEqual({ title: 'Pay rent', tags: ['home'], priority: 'high' });
    post.flush(aTask(9, { title: 'Pay rent' }), { status: 201, statusText: 'Created' });
    listRequest().flush(aList([aTask(9, { title: 'Pay rent' })], 1));
    await stable();
    expect(input.value).toBe('Next one');
  });

  it('j moves to the first task and d marks it done, with Undo offered', async () => {
    press('j');
    await stable();
    expect(rows()[0].classList).toContain('tf-active');
    expect(document.activeElement?.textContent?.trim()).toBe('Task 1');
    press('j', document.activeElement as Element);
    await stable();
    expect(rows()[1].classList).toContain('tf-active');
    press('d', document.activeElement as Element);
    const patch = backend.expectOne('/api/tasks/t2');
    expect(patch.request.body).toEqual({ status: 'done' });
    patch.flush(aTask(2, { status: 'done', version: 2 }));
    await stable();
    expect(document.querySelector('.mat-mdc-snack-bar-container')?.textContent).toContain('Undo');
  });

  it('ignores shortcuts typed into a field', async () => {
    const input = el.querySelector('input[name=title]') as HTMLInputElement;
    press('j', input);
    await stable();
    expect(el.querySelector('tf-task-row.tf-active')).toBeNull();
  });

  it('? opens the shortcuts overlay', async () => {
    press('?');
    await stable();
    expect(document.querySelector('tf-shortcuts-help')?.textContent).toContain('Mark done');
  });

  it('a click on a tag chip filters by that tag, and the URL says so', async () => {
    (el.querySelector('.tf-tag') as HTMLButtonElement).click();
    // The click navigates; the list follows the URL (not whenStable: the new request keeps the app busy).
    await new Promise((resolve) => setTimeout(resolve));
    expect(TestBed.inject(Router).url).toBe('/?tag=work');
    const req = listRequest();
    expect(req.request.params.get('tag')).toBe('work');
    req.flush(aList([aTask(1, { tags: ['work'] })], 1));
    await stable();
    expect(rows()).toHaveLength(1);
    expect((el.querySelectorAll('tf-task-filters input')[1] as HTMLInputElement).value).toBe('work');
  });

  it('bulk select: x selects, Mark done patches each selected task', async () => {
    press('j');
    press('x', document.activeElement as Element);
    press('j', document.activeElement as Element);
    press('x', document.activeElement as Element);
    await stable();
    expect(el.querySelector('.tf-bulk-count')?.textContent).toContain('2 selected');
    const markDone = Array.from(el.querySelectorAll<HTMLButtonElement>('.tf-bulk button')).find((b) => b.textContent?.includes('Mark done'));
    markDone?.click();
    const patches = backend.match((req) => req.method === 'PATCH');
    expect(patches.map((p) => [p.request.url, p.request.body])).toEqual([
      ['/api/tasks/t1', { status: 'done' }],
      ['/api/tasks/t2', { status: 'done' }],
    ]);
    patches.forEach((p, i) => p.flush(aTask(i + 1, { status: 'done', version: 2 })));
    await stable();
    expect(el.querySelector('.tf-bulk')).toBeNull();
  });

  it('starts from the filters in the URL, so a reload or a shared link shows the same list', async () => {
    TestBed.resetTestingModule();
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])] });
    backend = TestBed.inject(HttpTestingController);
    await TestBed.inject(Router).navigateByUrl('/?status=todo,bogus&priority=high&q=milk&from=2026-05-01&until=not-a-date&sort=title');
    fixture = TestBed.createComponent(TaskListPage);
    el = fixture.nativeElement;
    const req = listRequest();
    expect(req.request.params.get('status')).toBe('todo');
    expect(req.request.params.get('priority')).toBe('high');
    expect(req.request.params.get('q')).toBe('milk');
    expect(req.request.params.get('dueAfter')).toBe('2026-04-30');
    expect(req.request.params.has('dueBefore')).toBe(false);
    expect(req.request.params.get('sort')).toBe('title');
    req.flush(aList([aTask(1)], 1));
    await stable();
    expect(el.querySelector('.tf-filters-toggle')?.textContent).toContain('Filters (on)');
  });
});
