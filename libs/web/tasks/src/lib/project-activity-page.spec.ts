import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import type { ActivityEvent } from '@taskflow/shared-contracts';
import { ProjectScope } from '@taskflow/web-projects';
import { ProjectActivityPage, titlesOf } from './project-activity-page';

const anEvent = (n: number, type: ActivityEvent['type'], actor: string, changes: ActivityEvent['changes'], taskId = 't1'): ActivityEvent => ({
  id: `e${n}`,
  taskId,
  type,
  actor: { id: `u-${actor}`, username: actor },
  changes,
  at: '2026-01-01T00:00:00Z',
});

@Component({ selector: 'tf-blank', template: '' })
class Blank {}

describe('ProjectActivityPage', () => {
  let fixture: ComponentFixture<ProjectActivityPage>;
  let backend: HttpTestingController;
  let el: HTMLElement;
  const settle = async () => {
    TestBed.tick();
    await new Promise((resolve) => setTimeout(resolve));
    TestBed.tick();
  };
  /** Each entry as "<head without the time> | <change> | <change>". */
  const lines = () =>
    Array.from(el.querySelectorAll('.tf-activity > li')).map((li) => {
      const head = li.querySelector('.tf-activity-head') as HTMLElement;
      const time = head.querySelector('time')?.textContent ?? '';
      const words = (head.textContent ?? '').replace(time, '').replace(/\s+/g, ' ').trim();
      return [words, ...Array.from(li.querySelectorAll('.tf-activity-lines li')).map((item) => item.textContent?.trim())].join(' | ');
    });

  async function render(url: string) {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([{ path: 'tasks/activity', component: Blank }])] });
    backend = TestBed.inject(HttpTestingController);
    TestBed.inject(ProjectScope).projects.set([{ id: 'p1', name: 'Garden', role: 'viewer', memberCount: 2 } as never]);
    await TestBed.inject(Router).navigateByUrl(url);
    fixture = TestBed.createComponent(ProjectActivityPage);
    el = fixture.nativeElement;
    await settle();
  }

  afterEach(() => backend.verify());

  it('says who did what in the project, newest first, naming the task and the assignee, and pages older events', async () => {
    await render('/tasks/activity?project=p1');
    backend.expectOne({ method: 'GET', url: '/api/projects/p1/activity' }).flush({
      items: [
        anEvent(3, 'task.updated', 'bob', { assigneeId: { from: null, to: 'u-alice' }, priority: { from: 'medium', to: 'high' } }),
        anEvent(2, 'task.updated', 'alice', { title: { from: 'Plant', to: 'Plant tulips' } }),
        anEvent(1, 'task.created', 'alice', { title: { from: null, to: 'Plant' } }),
      ],
      nextCursor: 'older',
    });
    await settle();
    // Someone's name in an event needs the project's members.
    backend.expectOne('/api/projects/p1/members').flush({ items: [{ userId: 'u-alice', username: 'alice', role: 'owner', addedAt: '' }] });
    await settle();
    expect(el.querySelector('h1')?.textContent).toContain('Garden');
    expect(lines()).toEqual([
      'bob changed “Plant tulips” | assigned to alice | priority changed from medium to high',
      'alice changed “Plant tulips” | title changed from “Plant” to “Plant tulips”',
      'alice created “Plant tulips”',
    ]);
    expect(el.querySelector('.tf-activity tf-initials-avatar')?.getAttribute('aria-label')).toBe('bob');

    Array.from(el.querySelectorAll('button'))
      .find((b) => b.textContent?.includes('Show older activity'))
      ?.click();
    await settle();
    backend
      .expectOne({ method: 'GET', url: '/api/projects/p1/activity?cursor=older' })
      .flush({ items: [anEvent(0, 'task.deleted', 'bob', {}, 't0')], nextCursor: null });
    await settle();
    expect(lines()).toHaveLength(4);
    expect(lines()[3]).toBe('bob deleted a task');
    expect(el.textContent).not.toContain('Show older activity');
  });

  it('asks to choose a project under All tasks, without a request', async () => {
    await render('/tasks/activity');
    expect(el.textContent).toContain('Choose a project');
  });
});

describe('titlesOf', () => {
  it('keeps the newest title of each task (events come newest first)', () => {
    const titles = titlesOf([anEvent(2, 'task.updated', 'a', { title: { from: 'Old', to: 'New' } }), anEvent(1, 'task.created', 'a', { title: { from: null, to: 'Old' } })]);
    expect(titles.get('t1')).toBe('New');
  });
});
