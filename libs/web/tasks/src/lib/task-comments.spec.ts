import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { MatDialog } from '@angular/material/dialog';
import type { Comment } from '@taskflow/shared-contracts';
import { CURRENT_USER_ID } from '@taskflow/web-auth';
import { FakeLive } from '@taskflow/web-live/testing';
import { ProjectScope } from '@taskflow/web-projects';
import { TaskComments } from './task-comments';

const aComment = (n: number, author: 'alice' | 'bob', body: string, patch: Partial<Comment> = {}): Comment => ({
  id: `c${n}`,
  taskId: 't1',
  author: { id: `u-${author}`, username: author },
  body,
  createdAt: `2026-01-0${n}T10:00:00Z`,
  updatedAt: `2026-01-0${n}T10:00:00Z`,
  ...patch,
});

describe('TaskComments', () => {
  let fixture: ComponentFixture<TaskComments>;
  let backend: HttpTestingController;
  let el: HTMLElement;
  const url = '/api/tasks/t1/comments';

  // Not whenStable(): the app is not stable while a request waits for the test to answer it.
  const settle = async () => {
    TestBed.tick();
    await new Promise((resolve) => setTimeout(resolve));
    TestBed.tick();
  };
  const bodies = () => Array.from(el.querySelectorAll('.tf-comment-body')).map((p) => p.textContent);
  const comment = (id: string) => el.querySelector(`[data-comment-id="${id}"]`) as HTMLElement;
  const button = (root: ParentNode, label: string) =>
    Array.from(root.querySelectorAll<HTMLButtonElement>('button')).find((b) => b.textContent?.trim() === label) as HTMLButtonElement;

  async function render(items: Comment[], { me = 'u-alice', role = 'editor' as 'owner' | 'editor' | 'viewer', nextCursor = null as string | null } = {}) {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: CURRENT_USER_ID, useValue: signal(me) },
        { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
      ],
    });
    backend = TestBed.inject(HttpTestingController);
    TestBed.inject(ProjectScope).projects.set([{ id: 'p1', role } as never]);
    fixture = TestBed.createComponent(TaskComments);
    fixture.componentRef.setInput('taskId', 't1');
    fixture.componentRef.setInput('projectId', 'p1');
    el = fixture.nativeElement;
    await settle();
    backend.expectOne({ method: 'GET', url }).flush({ items, nextCursor });
    await settle();
  }

  afterEach(() => {
    TestBed.inject(MatDialog).closeAll();
    backend.verify();
  });

  it('shows the thread oldest first, the newest at the bottom, bodies as plain text (markup is not interpreted)', async () => {
    await render([aComment(1, 'bob', 'First <b>bold</b> <img src=x onerror=alert(1)>'), aComment(2, 'alice', 'Second\nline two')]);
    expect(bodies()).toEqual(['First <b>bold</b> <img src=x onerror=alert(1)>', 'Second\nline two']);
    expect(el.querySelector('.tf-comment-body b, .tf-comment-body img')).toBeNull();
    expect(Array.from(el.querySelectorAll('.tf-comment strong')).map((s) => s.textContent)).toEqual(['bob', 'alice']);
  });

  it('adds a comment at the bottom', async () => {
    await render([aComment(1, 'bob', 'Hello')]);
    const box = el.querySelector<HTMLTextAreaElement>('textarea[name="comment"]') as HTMLTextAreaElement;
    box.value = '  On it  ';
    box.dispatchEvent(new Event('input'));
    await settle();
    el.querySelector<HTMLFormElement>('.tf-comment-new')?.requestSubmit();
    const post = backend.expectOne({ method: 'POST', url });
    expect(post.request.body).toEqual({ body: 'On it' });
    post.flush(aComment(2, 'alice', 'On it'), { status: 201, statusText: 'Created' });
    await settle();
    expect(bodies()).toEqual(['Hello', 'On it']);
    expect(box.value).toBe('');
  });

  it('lets you edit and delete only your own comments', async () => {
    await render([aComment(1, 'bob', 'Bob says'), aComment(2, 'alice', 'Alice says')]);
    expect(button(comment('c1'), 'Edit')).toBeUndefined();
    expect(button(comment('c1'), 'Delete')).toBeUndefined();

    button(comment('c2'), 'Edit').click();
    await settle();
    const editor = comment('c2').querySelector('textarea') as HTMLTextAreaElement;
    editor.value = 'Alice says more';
    comment('c2').querySelector<HTMLFormElement>('form')?.requestSubmit();
    const patch = backend.expectOne({ method: 'PATCH', url: '/api/comments/c2' });
    expect(patch.request.body).toEqual({ body: 'Alice says more' });
    patch.flush(aComment(2, 'alice', 'Alice says more', { updatedAt: '2026-01-03T00:00:00Z' }));
    await settle();
    expect(bodies()).toEqual(['Bob says', 'Alice says more']);
    expect(comment('c2').textContent).toContain('(edited)');

    button(comment('c2'), 'Delete').click();
    await settle();
    button(document.querySelector('tf-confirm-dialog') as HTMLElement, 'Delete').click();
    await settle();
    backend.expectOne({ method: 'DELETE', url: '/api/comments/c2' }).flush(null, { status: 204, statusText: 'No Content' });
    await settle();
    expect(bodies()).toEqual(['Bob says']);
  });

  it('lets a project owner delete anyone’s comment but edit only their own', async () => {
    await render([aComment(1, 'bob', 'Bob says')], { role: 'owner' });
    expect(button(comment('c1'), 'Edit')).toBeUndefined();
    expect(button(comment('c1'), 'Delete')).toBeDefined();
  });

  it('lets a viewer comment, and explains a refused comment in words', async () => {
    await render([], { role: 'viewer' });
    expect(el.textContent).toContain('No comments yet.');
    const box = el.querySelector<HTMLTextAreaElement>('textarea[name="comment"]') as HTMLTextAreaElement;
    box.value = 'A question';
    box.dispatchEvent(new Event('input'));
    await settle();
    el.querySelector<HTMLFormElement>('.tf-comment-new')?.requestSubmit();
    backend
      .expectOne({ method: 'POST', url })
      .flush({ status: 404, title: 'Not Found', detail: 'Not found.' }, { status: 404, statusText: 'Not Found' });
    await settle();
    expect(el.querySelector('[role="alert"]')?.textContent).toBe('This comment or its task no longer exists.');
    expect(box.value).toBe('A question');
  });

  it('loads newer pages at the bottom', async () => {
    await render([aComment(1, 'bob', 'one')], { nextCursor: 'next-1' });
    button(el, 'Show newer comments').click();
    await settle();
    backend.expectOne({ method: 'GET', url: `${url}?cursor=next-1` }).flush({ items: [aComment(2, 'bob', 'two')], nextCursor: null });
    await settle();
    expect(bodies()).toEqual(['one', 'two']);
    expect(button(el, 'Show newer comments')).toBeUndefined();
  });
});

describe('TaskComments, live', () => {
  let live: FakeLive;
  let backend: HttpTestingController;
  let el: HTMLElement;
  const settle = async () => {
    TestBed.tick();
    await new Promise((resolve) => setTimeout(resolve));
    TestBed.tick();
  };
  const bodies = () => Array.from(el.querySelectorAll('.tf-comment-body')).map((p) => p.textContent);
  const bob = { id: 'u-bob', username: 'bob' };
  const event = (type: 'comment.created' | 'comment.updated' | 'comment.deleted', comment: Comment, taskId = 't1') => ({
    type,
    data: { projectId: 'p1', taskId, commentId: comment.id, actor: bob, ...(type === 'comment.deleted' ? {} : { comment }) },
  });

  beforeEach(async () => {
    live = new FakeLive();
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: CURRENT_USER_ID, useValue: signal('u-alice') },
        { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
        ...live.providers,
      ],
    });
    backend = TestBed.inject(HttpTestingController);
    await live.connect();
    TestBed.inject(ProjectScope).projects.set([{ id: 'p1', role: 'editor' } as never]);
    const fixture = TestBed.createComponent(TaskComments);
    fixture.componentRef.setInput('taskId', 't1');
    fixture.componentRef.setInput('projectId', 'p1');
    el = fixture.nativeElement;
    await settle();
    backend.expectOne({ method: 'GET', url: '/api/tasks/t1/comments' }).flush({ items: [aComment(1, 'bob', 'First')], nextCursor: null });
    await settle();
  });
  afterEach(() => {
    live.disconnect();
    backend.verify();
  });

  it('follows other members’ comments on this task: added at the bottom, edited in place, deleted; other tasks’ are ignored', async () => {
    await live.send(event('comment.created', aComment(2, 'bob', 'Second')));
    await settle();
    expect(bodies()).toEqual(['First', 'Second']);
    await live.send(event('comment.created', aComment(3, 'bob', 'Elsewhere', { taskId: 't9' }), 't9'));
    await live.send(event('comment.updated', aComment(1, 'bob', 'First, edited')));
    await settle();
    expect(bodies()).toEqual(['First, edited', 'Second']);
    await live.send(event('comment.deleted', aComment(2, 'bob', 'Second')));
    await settle();
    expect(bodies()).toEqual(['First, edited']);
    // The echo of a comment already shown (one's own write) does not add it twice.
    await live.send(event('comment.created', aComment(1, 'bob', 'First, edited')));
    await settle();
    expect(bodies()).toEqual(['First, edited']);
  });
});
