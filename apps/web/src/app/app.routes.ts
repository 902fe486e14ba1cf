import { Route } from '@angular/router';
import {
  authGuard,
  changePasswordRoutes,
  confirmRoutes,
  forgotPasswordRoutes,
  loginRoutes,
  registerRoutes,
  resetPasswordRoutes,
} from '@taskflow/web-auth';

export const appRoutes: Route[] = [
  { path: '', pathMatch: 'full', redirectTo: 'tasks' },
  { path: 'login', children: loginRoutes },
  { path: 'register', children: registerRoutes },
  { path: 'confirm', children: confirmRoutes },
  { path: 'forgot-password', children: forgotPasswordRoutes },
  { path: 'reset-password', children: resetPasswordRoutes },
  { path: 'account/password', children: changePasswordRoutes },
  {
    path: 'tasks',
    canActivate: [authGuard],
    // The projects sidebar frames every task screen; the selected project is the `project` query parameter.
    loadComponent: () => import('@taskflow/web-projects').then((m) => m.ProjectsLayout),
    loadChildren: () => import('@taskflow/web-tasks').then((m) => m.tasksRoutes),
  },
  { path: '**', redirectTo: 'tasks' },
];
