import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, TestRequest, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MatDialog } from '@angular/material/dialog';
import { Router, provideRouter } from '@angular/router';
import type { Project, ProjectRole } from '@taskflow/shared-contracts';
import { ProjectScope } from '@taskflow/web-projects';
import { BoardPage } from './board-page';
import { TaskListPage } from './task-list-page';
import { aList, aTask } from './testing';

@Component({ selector: 'tf-blank', template: '' })
class Blank {}

const project = (role: ProjectRole): Project => ({
  id: 'p1',
  name: 'Garden',
  description: '',
  role,
  isDefault: false,
  memberCount: 2,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  version: 1,
});

describe('task pages in a project', () => {
  let backend: HttpTestingController;

  /** Opens `url`, tells the scope the sidebar has loaded `projects`, and renders `page`. */
  async function open<T>(page: new (...args: never[]) => T, url: string, projects: Project[]) {
    await TestBed.inject(Router).navigateByUrl(url);
    TestBed.inject(ProjectScope).projects.set(projects);
    const fixture = TestBed.createComponent(page);
    TestBed.tick();
    return { fixture, el: fixture.nativeElement as HTMLElement };
  }
  const taskRequests = (): TestRequest[] => {
    TestBed.tick();
    return backend.match((req) => req.method === 'GET' && req.url === '/api/tasks');
  };

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([{ path: 'tasks', component: Blank }, { path: 'tasks/board', component: Blank }])],
    });
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    TestBed.inject(MatDialog).closeAll();
    backend.verify();
  });

  it('lists the selected project only, titles the page with it, and quick add creates the task there', async () => {
    const { fixture, el } = await open(TaskListPage, '/tasks?project=p1', [project('editor')]);
    const [list] = taskRequests();
    expect(list.request.params.get('projectId')).toBe('p1');
    list.flush(aList([aTask(1, { projectId: 'p1' })]));
    await fixture.whenStable();
    expect(el.querySelector('h1')?.textContent?.trim()).toBe('Garden');

    const input = el.querySelector<HTMLInputElement>('input[name=title]') as HTMLInputElement;
    input.value = 'Plant tulips';
    input.dispatchEvent(new Event('input'));
    input.form?.dispatchEvent(new Event('submit', { cancelable: true }));
    const post = backend.expectOne((req) => req.method === 'POST' && req.url === '/api/tasks');
    expect(post.request.body).toEqual({ title: 'Plant tulips', tags: [], projectId: 'p1' });
    post.flush(aTask(2, { title: 'Plant tulips', projectId: 'p1' }), { status: 201, statusText: 'Created' });
    taskRequests()[0].flush(aList([]));
    await fixture.whenStable();
  });

  it('asks for assignee=me under My tasks, and quick add there goes to the default project', async () => {
    const { fixture, el } = await open(TaskListPage, '/tasks?project=mine', []);
    const [list] = taskRequests();
    expect(list.request.params.get('assignee')).toBe('me');
    expect(list.request.params.has('projectId')).toBe(false);
    list.flush(aList([]));
    await fixture.whenStable();
    expect(el.querySelector('h1')?.textContent?.trim()).toBe('My tasks');
    const input = el.querySelector<HTMLInputElement>('input[name=title]') as HTMLInputElement;
    input.value = 'Call mum';
    input.form?.dispatchEvent(new Event('submit', { cancelable: true }));
    const post = backend.expectOne((req) => req.method === 'POST');
    expect(post.request.body).toEqual({ title: 'Call mum', tags: [] });
    post.flush(aTask(3), { status: 201, statusText: 'Created' });
    taskRequests()[0].flush(aList([]));
    await fixture.whenStable();
  });

  it('shows a viewer no quick add, no select, no done toggle and no delete, and says why', async () => {
    const { fixture, el } = await open(TaskListPage, '/tasks?project=p1', [project('viewer')]);
    taskRequests()[0].flush(aList([aTask(1, { projectId: 'p1' })]));
    await fixture.whenStable();
    expect(el.querySelector<HTMLFormElement>('.tf-quick-add')?.hidden).toBe(true);
    expect(el.querySelector('.tf-view-only')?.textContent).toContain('You can view this project but not change it.');
    expect(el.querySelector('.tf-row-delete')).toBeNull();
    expect(Array.from(el.querySelectorAll('button')).some((b) => b.textContent?.trim() === 'Select')).toBe(false);
    expect(el.querySelector('.tf-row-check input')?.hasAttribute('disabled')).toBe(true);
    // The shortcuts do not write either.
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'j', bubbles: true }));
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'd', bubbles: true }));
    backend.expectNone((req) => req.method === 'PATCH');
  });

  it('explains a 403 as a role question and puts the task back', async () => {
    const { fixture, el } = await open(TaskListPage, '/tasks?project=p1', [project('editor')]);
    taskRequests()[0].flush(aList([aTask(1, { projectId: 'p1' })]));
    await fixture.whenStable();
    el.querySelector<HTMLInputElement>('.tf-row-check input')?.click();
    await fixture.whenStable();
    backend.expectOne((req) => req.method === 'PATCH').flush({ status: 403, title: 'Forbidden' }, { status: 403, statusText: 'Forbidden' });
    await fixture.whenStable();
    expect(document.querySelector('.mat-mdc-snack-bar-label')?.textContent).toContain('You can view this project but not change it.');
    expect(el.querySelector<HTMLInputElement>('.tf-row-check input')?.checked).toBe(false);
  });

  it('gives a viewer a board without drag or Move, in the project only', async () => {
    const { fixture, el } = await open(BoardPage, '/tasks/board?project=p1', [project('viewer')]);
    const requests = taskRequests();
    expect(requests).toHaveLength(3);
    for (const request of requests) {
      expect(request.request.params.get('projectId')).toBe('p1');
      request.flush(aList(request.request.params.get('status') === 'todo' ? [aTask(1, { projectId: 'p1' })] : []));
    }
    await fixture.whenStable();
    expect(el.querySelector('h1')?.textContent).toContain('Garden');
    expect(el.querySelector('.tf-card')?.classList.contains('cdk-drag-disabled')).toBe(true);
    expect(el.querySelector('.tf-card-move')).toBeNull();
  });
});
