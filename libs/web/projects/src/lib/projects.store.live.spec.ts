import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ApplicationRef } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { FakeLive } from '@taskflow/web-live/testing';
import { ProjectsStore } from './projects.store';
import { aProject } from './testing';

describe('ProjectsStore, live', () => {
  it('reloads the sidebar when a project is shared with me, renamed, or a member changes', async () => {
    const live = new FakeLive();
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([]), ProjectsStore, ...live.providers] });
    const backend = TestBed.inject(HttpTestingController);
    await live.connect();
    const store = TestBed.inject(ProjectsStore);
    const answer = async (names: string[]) => {
      TestBed.tick();
      backend.expectOne('/api/projects').flush({ items: names.map((name) => aProject(`p-${name}`, { name })) });
      await TestBed.inject(ApplicationRef).whenStable();
    };
    await answer(['Inbox']);
    const bob = { id: 'u-bob', username: 'bob' };

    await live.send({ type: 'member.added', data: { projectId: 'p-Garden', userId: 'u-alice', role: 'editor', actor: bob } });
    await answer(['Inbox', 'Garden']);
    expect(store.projects().map((p) => p.name)).toEqual(['Inbox', 'Garden']);

    await live.send({ type: 'project.updated', data: { projectId: 'p-Garden', actor: bob } });
    await answer(['Inbox', 'Allotment']);
    expect(store.projects().map((p) => p.name)).toEqual(['Inbox', 'Allotment']);

    // Task events are not the sidebar's business.
    await live.send({ type: 'task.deleted', data: { projectId: 'p-Garden', taskId: 't1', version: 2, actor: bob } });
    TestBed.tick();
    backend.expectNone('/api/projects');
    live.disconnect();
    backend.verify();
  });
});
