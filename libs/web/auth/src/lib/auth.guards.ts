import { inject } from '@angular/core';
import { CanActivateFn, Router } from '@angular/router';
import { AuthStore } from './auth-store';

/** Lets signed-in people through; sends everyone else to log in, remembering the URL. */
export const authGuard: CanActivateFn = (_route, state) =>
  inject(AuthStore).isLoggedIn() || inject(Router).createUrlTree(['/login'], { queryParams: { returnUrl: state.url } });

/** Keeps signed-in people away from the login and register pages. */
export const guestGuard: CanActivateFn = () => !inject(AuthStore).isLoggedIn() || inject(Router).createUrlTree(['/tasks']);
