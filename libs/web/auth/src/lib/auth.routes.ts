import { Routes } from '@angular/router';
import { authGuard, guestGuard } from './auth.guards';

export const loginRoutes: Routes = [
  { path: '', title: 'Log in · TaskFlow', canActivate: [guestGuard], loadComponent: () => import('./login-page').then((m) => m.LoginPage) },
];

export const registerRoutes: Routes = [
  { path: '', title: 'Create account · TaskFlow', canActivate: [guestGuard], loadComponent: () => import('./register-page').then((m) => m.RegisterPage) },
];

export const confirmRoutes: Routes = [
  { path: '', title: 'Confirm email · TaskFlow', canActivate: [authGuard], loadComponent: () => import('./confirm-email-page').then((m) => m.ConfirmEmailPage) },
];
