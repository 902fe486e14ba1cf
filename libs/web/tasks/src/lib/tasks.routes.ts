import { Routes } from '@angular/router';

export const tasksRoutes: Routes = [
  { path: '', title: 'My tasks · TaskFlow', loadComponent: () => import('./task-list-page').then((m) => m.TaskListPage) },
  {
    path: 'activity',
    title: 'Activity · TaskFlow',
    loadComponent: () => import('./project-activity-page').then((m) => m.ProjectActivityPage),
  },
  { path: 'board', title: 'Board · TaskFlow', loadComponent: () => import('./board-page').then((m) => m.BoardPage) },
];
