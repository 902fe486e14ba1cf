import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, TestRequest, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import type { TaskStatus } from '@taskflow/shared-contracts';
import { BoardPage } from './board-page';
import { aList, aTask } from './testing';

describe('BoardPage', () => {
  let fixture: ComponentFixture<BoardPage>;
  let backend: HttpTestingController;
  let el: HTMLElement;

  /** The three column queries, by status. */
  const columnRequests = (): Record<TaskStatus, TestRequest> => {
    TestBed.tick();
    const requests = backend.match((req) => req.method === 'GET' && req.url === '/api/tasks');
    expect(requests).toHaveLength(3);
    return Object.fromEntries(requests.map((req) => [req.request.params.get('status'), req])) as Record<TaskStatus, TestRequest>;
  };
  const stable = () => fixture.whenStable();
  /** Lets effects run and new requests go out (whenStable would wait for those requests). */
  const settle = async () => {
    await new Promise((resolve) => setTimeout(resolve));
    TestBed.tick();
  };
  const column = (status: TaskStatus) => el.querySelector(`ul[data-status="${status}"]`) as HTMLElement;
  const titles = (status: TaskStatus) => Array.from(column(status).querySelectorAll('.tf-card-title')).map((b) => b.textContent?.trim());
  const count = (status: TaskStatus) => el.querySelector(`#col-${status} .tf-column-count`)?.textContent?.trim();
  const keyOn = (target: Element, key: string, shiftKey = false) =>
    target.dispatchEvent(new KeyboardEvent('keydown', { key, shiftKey, bubbles: true, cancelable: true }));

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])] });
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(BoardPage);
    el = fixture.nativeElement;
  });

  afterEach(() => backend.verify());

  it('asks for each column by its status and shows each column total, not what one page held', async () => {
    const requests = columnRequests();
    expect(requests.todo.request.params.get('sort')).toBe('position');
    expect(requests.todo.request.params.get('limit')).toBe('50');
    requests.todo.flush(aList([aTask(1), aTask(2)], 130, 'c2'));
    requests.in_progress.flush(aList([aTask(3, { status: 'in_progress' })], 1));
    requests.done.flush(aList([], 0));
    await stable();
    expect(count('todo')).toBe('130');
    expect(count('in_progress')).toBe('1');
    expect(count('done')).toBe('0');
    expect(titles('todo')).toEqual(['Task 1', 'Task 2']);
    expect(column('done').textContent).toContain('Drop tasks here');

    const more = Array.from(el.querySelectorAll<HTMLButtonElement>('.tf-column-more button'));
    expect(more).toHaveLength(1);
    more[0].click();
    TestBed.tick();
    const next = backend.expectOne((req) => req.params.get('cursor') === 'c2');
    expect(next.request.params.get('status')).toBe('todo');
    next.flush(aList([aTask(4)], 130, 'c3'));
    await stable();
    expect(titles('todo')).toEqual(['Task 1', 'Task 2', 'Task 4']);
  });

  it('Shift+→ moves a card to the top of the next column: its status and a position there', async () => {
    const requests = columnRequests();
    requests.todo.flush(aList([aTask(1)], 1));
    requests.in_progress.flush(aList([], 0));
    requests.done.flush(aList([], 0));
    await stable();
    keyOn(column('todo').querySelector('.tf-card-title') as Element, 'ArrowRight', true);
    const patch = backend.expectOne('/api/tasks/t1');
    expect(patch.request.body).toEqual({ status: 'in_progress', position: 1024 });
    TestBed.tick();
    expect(titles('in_progress')).toEqual(['Task 1']);
    patch.flush(aTask(1, { status: 'in_progress', version: 2 }));
    await stable();
    expect(count('todo')).toBe('0');
    expect(count('in_progress')).toBe('1');
    expect(titles('todo')).toEqual([]);
  });

  it('puts a refused move back where it was', async () => {
    const requests = columnRequests();
    requests.todo.flush(aList([aTask(1)], 1));
    requests.in_progress.flush(aList([], 0));
    requests.done.flush(aList([], 0));
    await stable();
    keyOn(column('todo').querySelector('.tf-card-title') as Element, 'ArrowRight', true);
    backend.expectOne('/api/tasks/t1').flush(null, { status: 500, statusText: 'Server Error' });
    await stable();
    expect(titles('todo')).toEqual(['Task 1']);
    expect(titles('in_progress')).toEqual([]);
  });

  it('places a moved card between its neighbours by position, within a column and into another', async () => {
    const requests = columnRequests();
    requests.todo.flush(aList([aTask(1, { position: 1024 })], 1));
    requests.in_progress.flush(aList([aTask(2, { status: 'in_progress', position: 1024 }), aTask(3, { status: 'in_progress', position: 2048 })], 2));
    requests.done.flush(aList([], 0));
    await stable();

    // Down within the column: Task 2 goes after Task 3.
    keyOn(column('in_progress').querySelector('.tf-card-title') as Element, 'ArrowDown', true);
    const reorder = backend.expectOne('/api/tasks/t2');
    expect(reorder.request.body).toEqual({ position: 3072 });
    reorder.flush(aTask(2, { status: 'in_progress', position: 3072, version: 2 }));
    await stable();
    expect(titles('in_progress')).toEqual(['Task 3', 'Task 2']);

    // To the next column's top: before Task 3 (2048).
    keyOn(column('todo').querySelector('.tf-card-title') as Element, 'ArrowRight', true);
    const move = backend.expectOne('/api/tasks/t1');
    expect(move.request.body).toEqual({ status: 'in_progress', position: 1024 });
    move.flush(aTask(1, { status: 'in_progress', position: 1024, version: 2 }));
    await stable();
    expect(titles('in_progress')).toEqual(['Task 1', 'Task 3', 'Task 2']);
  });

  it('a card moved to Done offers Undo, which moves it back', async () => {
    const requests = columnRequests();
    requests.todo.flush(aList([aTask(1)], 1));
    requests.in_progress.flush(aList([aTask(2, { status: 'in_progress' })], 1));
    requests.done.flush(aList([], 0));
    await stable();
    keyOn(column('in_progress').querySelector('.tf-card-title') as Element, 'ArrowRight', true);
    backend.expectOne('/api/tasks/t2').flush(aTask(2, { status: 'done', version: 2 }));
    await stable();
    const undo = Array.from(document.querySelectorAll<HTMLButtonElement>('.mat-mdc-snack-bar-container button')).find((b) => b.textContent?.includes('Undo'));
    expect(undo).toBeDefined();
    undo?.click();
    const back = backend.expectOne('/api/tasks/t2');
    expect(back.request.headers.get('If-Match')).toBe('W/"2"');
    expect(back.request.body).toEqual({ status: 'in_progress', position: 1024 });
    back.flush(aTask(2, { status: 'in_progress', version: 3 }));
    await stable();
    expect(titles('in_progress')).toEqual(['Task 2']);
    expect(count('done')).toBe('0');
  });

  it('a tag chip filters every column through the URL; each column keeps its own status', async () => {
    const requests = columnRequests();
    requests.todo.flush(aList([aTask(1, { tags: ['work'] })], 1));
    requests.in_progress.flush(aList([], 0));
    requests.done.flush(aList([], 0));
    await stable();
    (el.querySelector('.tf-tag') as HTMLButtonElement).click();
    await settle();
    expect(TestBed.inject(Router).url).toBe('/?tag=work');
    const filtered = columnRequests();
    for (const status of ['todo', 'in_progress', 'done'] as const) {
      expect(filtered[status].request.params.get('tag')).toBe('work');
      expect(filtered[status].request.params.get('sort')).toBe('position');
      filtered[status].flush(aList([], 0));
    }
    await stable();
  });
});
