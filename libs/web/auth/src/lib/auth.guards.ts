import { inject } from '@angular/core';
import { CanActivateFn, Router } from '@angular/router';
import { AuthStore } from './auth-store';

/**
 * Lets signed-in people through; sends everyone else to log in, remembering the URL. Waits for
 * the session a cookie may hold, so a reload does not bounce a signed-in person to the login page.
 */
export const authGuard: CanActivateFn = async (_route, state) => {
  const auth = inject(AuthStore);
  const router = inject(Router);
  await auth.restored;
  return auth.isLoggedIn() || router.createUrlTree(['/login'], { queryParams: { returnUrl: state.url } });
};

/** Keeps signed-in people away from the login and register pages. */
export const guestGuard: CanActivateFn = async () => {
  const auth = inject(AuthStore);
  const router = inject(Router);
  await auth.restored;
  return !auth.isLoggedIn() || router.createUrlTree(['/tasks']);
};
