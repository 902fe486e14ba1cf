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

export const forgotPasswordRoutes: Routes = [
  { path: '', title: 'Forgot password · TaskFlow', canActivate: [guestGuard], loadComponent: () => import('./forgot-password-page').then((m) => m.ForgotPasswordPage) },
];

/** Open signed in or not: the link from the email is the proof. */
export const resetPasswordRoutes: Routes = [
  { path: '', title: 'Reset password · TaskFlow', loadComponent: () => import('./reset-password-page').then((m) => m.ResetPasswordPage) },
];

export const changePasswordRoutes: Routes = [
  { path: '', title: 'Change password · TaskFlow', canActivate: [authGuard], loadComponent: () => import('./change-password-page').then((m) => m.ChangePasswordPage) },
];
