import { Route } from '@angular/router';
import { authGuard, confirmRoutes, loginRoutes, registerRoutes } from '@taskflow/web-auth';

export const appRoutes: Route[] = [
  { path: '', pathMatch: 'full', redirectTo: 'tasks' },
  { path: 'login', children: loginRoutes },
  { path: 'register', children: registerRoutes },
  { path: 'confirm', children: confirmRoutes },
  { path: 'tasks', canActivate: [authGuard], loadChildren: () => import('@taskflow/web-tasks').then((m) => m.tasksRoutes) },
  { path: '**', redirectTo: 'tasks' },
];
