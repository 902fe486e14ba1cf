import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { MatDialog } from '@angular/material/dialog';
import { Router, provideRouter } from '@angular/router';
import { ProjectScope } from './project-scope';
import { ProjectSidebar } from './project-sidebar';
import { ProjectsStore } from './projects.store';
import { aProject } from './testing';

@Component({ selector: 'tf-blank', template: '' })
class Blank {}

describe('ProjectSidebar', () => {
  let fixture: ComponentFixture<ProjectSidebar>;
  let backend: HttpTestingController;
  let router: Router;
  let el: HTMLElement;

  const inbox = aProject('p-inbox', { name: 'Inbox', isDefault: true });
  const shared = aProject('p-shared', { name: 'Garden', role: 'viewer', memberCount: 2 });
  const mine = aProject('p-mine', { name: 'Work' });

  const settle = async () => {
    TestBed.tick();
    await fixture.whenStable();
  };
  const flushProjects = async (items = [inbox, shared, mine]) => {
    TestBed.tick();
    backend.expectOne({ method: 'GET', url: '/api/projects' }).flush({ items });
    await settle();
  };
  const links = () => Array.from(el.querySelectorAll<HTMLAnchorElement>('.tf-project-link'));
  const row = (id: string) => el.querySelector<HTMLElement>(`[data-project-id="${id}"]`) as HTMLElement;
  const menuItems = () => Array.from(document.querySelectorAll<HTMLButtonElement>('.mat-mdc-menu-item')).map((b) => b.textContent?.trim());
  const openActions = async (id: string) => {
    row(id).querySelector<HTMLButtonElement>('.tf-project-actions')?.click();
    await settle();
  };
  const clickMenuItem = async (label: string) => {
    Array.from(document.querySelectorAll<HTMLButtonElement>('.mat-mdc-menu-item'))
      .find((b) => b.textContent?.trim() === label)
      ?.click();
    await settle();
  };

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([{ path: 'tasks', component: Blank }, { path: 'tasks/board', component: Blank }]),
        ProjectsStore,
        // The confirmation dialog reports its answer once closed: without animations, at once.
        { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
      ],
    });
    backend = TestBed.inject(HttpTestingController);
    router = TestBed.inject(Router);
    await router.navigateByUrl('/tasks');
    fixture = TestBed.createComponent(ProjectSidebar);
    el = fixture.nativeElement;
    await flushProjects();
  });

  afterEach(() => {
    TestBed.inject(MatDialog).closeAll();
    backend.verify();
  });

  it('lists All tasks, My tasks, then the projects in the order the API gives (Inbox first)', () => {
    expect(links().map((a) => a.querySelector('.tf-project-name')?.textContent?.trim() ?? a.textContent?.trim())).toEqual([
      'All tasks',
      'My tasks',
      'Inbox',
      'Garden',
      'Work',
    ]);
    expect(links()[0].getAttribute('aria-current')).toBe('page');
    expect(row('p-shared').textContent).toContain('view only');
  });

  it('puts the selection in the URL and marks it current; the task query follows it', async () => {
    row('p-mine').querySelector('a')?.click();
    await settle();
    expect(router.url).toBe('/tasks?project=p-mine');
    expect(row('p-mine').querySelector('a')?.getAttribute('aria-current')).toBe('page');
    expect(links()[0].getAttribute('aria-current')).toBeNull();
    const scope = TestBed.inject(ProjectScope);
    expect(scope.taskParams()).toEqual({ projectId: 'p-mine' });
    expect(scope.title()).toBe('Work');

    links()[1].click();
    await settle();
    expect(router.url).toBe('/tasks?project=mine');
    expect(scope.taskParams()).toEqual({ assignee: 'me' });
  });

  it('keeps the board when switching projects', async () => {
    await router.navigateByUrl('/tasks/board');
    await settle();
    row('p-inbox').querySelector('a')?.click();
    await settle();
    expect(router.url).toBe('/tasks/board?project=p-inbox');
  });

  it('offers only members and activity where the caller is not an owner', async () => {
    await openActions('p-shared');
    expect(menuItems()).toEqual(['Members', 'Activity']);
  });

  it('offers members, activity and rename but no delete for the Inbox', async () => {
    await openActions('p-inbox');
    expect(menuItems()).toEqual(['Members', 'Activity', 'Rename']);
  });

  it('creates a project, reloads the list and selects the new one', async () => {
    const input = el.querySelector<HTMLInputElement>('input[name="projectName"]') as HTMLInputElement;
    input.value = '  Holiday  ';
    input.dispatchEvent(new Event('input'));
    await settle();
    el.querySelector<HTMLFormElement>('.tf-new-project')?.requestSubmit();
    const post = backend.expectOne({ method: 'POST', url: '/api/projects' });
    expect(post.request.body).toEqual({ name: 'Holiday' });
    post.flush(aProject('p-new', { name: 'Holiday' }));
    await flushProjects([inbox, shared, aProject('p-new', { name: 'Holiday' }), mine]);
    expect(router.url).toBe('/tasks?project=p-new');
    expect(input.value).toBe('');
    expect(row('p-new').querySelector('a')?.getAttribute('aria-current')).toBe('page');
  });

  it('renames with If-Match', async () => {
    await openActions('p-mine');
    await clickMenuItem('Rename');
    const input = row('p-mine').querySelector<HTMLInputElement>('input[name="name"]') as HTMLInputElement;
    expect(input.value).toBe('Work');
    input.value = 'Office';
    row('p-mine').querySelector<HTMLFormElement>('form')?.requestSubmit();
    const patch = backend.expectOne({ method: 'PATCH', url: '/api/projects/p-mine' });
    expect(patch.request.body).toEqual({ name: 'Office' });
    expect(patch.request.headers.get('If-Match')).toBe('W/"1"');
    patch.flush(aProject('p-mine', { name: 'Office', version: 2 }));
    await flushProjects([inbox, shared, aProject('p-mine', { name: 'Office', version: 2 })]);
    expect(row('p-mine').querySelector('form')).toBeNull();
    expect(row('p-mine').textContent).toContain('Office');
  });

  it('deletes only after confirmation, and goes back to All tasks when the deleted project was selected', async () => {
    await router.navigateByUrl('/tasks?project=p-mine');
    await settle();
    await openActions('p-mine');
    await clickMenuItem('Delete');
    const dialog = document.querySelector('tf-confirm-dialog') as HTMLElement;
    expect(dialog.textContent).toContain('Delete “Work”?');
    backend.expectNone({ method: 'DELETE' });
    Array.from(dialog.querySelectorAll('button'))
      .find((b) => b.textContent?.trim() === 'Delete project')
      ?.click();
    await settle();
    backend.expectOne({ method: 'DELETE', url: '/api/projects/p-mine' }).flush(null, { status: 204, statusText: 'No Content' });
    await flushProjects([inbox, shared]);
    expect(router.url).toBe('/tasks');
    expect(row('p-mine')).toBeNull();
  });

  it('explains a 403 as a role question', async () => {
    await openActions('p-mine');
    await clickMenuItem('Rename');
    const input = row('p-mine').querySelector<HTMLInputElement>('input[name="name"]') as HTMLInputElement;
    input.value = 'Office';
    row('p-mine').querySelector<HTMLFormElement>('form')?.requestSubmit();
    backend
      .expectOne({ method: 'PATCH', url: '/api/projects/p-mine' })
      .flush({ status: 403, title: 'Forbidden' }, { status: 403, statusText: 'Forbidden' });
    await settle();
    expect(document.querySelector('.mat-mdc-snack-bar-label')?.textContent).toContain('You can view this project but not change it.');
  });
});
