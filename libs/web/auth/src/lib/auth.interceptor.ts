import { HttpErrorResponse, HttpInterceptorFn, HttpRequest } from '@angular/common/http';
import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { catchError, of, switchMap, throwError } from 'rxjs';
import { AuthStore } from './auth-store';

function withToken<T>(request: HttpRequest<T>, token: string | null): HttpRequest<T> {
  return token ? request.clone({ setHeaders: { Authorization: `Bearer ${token}` } }) : request;
}

/**
 * Adds the bearer token to API calls. On a 401 it refreshes once (concurrent 401s share one
 * refresh), retries, and when that fails ends the session and sends the person to log in.
 */
export const authInterceptor: HttpInterceptorFn = (request, next) => {
  const isApi = request.url.startsWith('/api/');
  const isTokenEndpoint = request.url.startsWith('/api/token');
  // Public, and asked by ApiReadiness while AuthStore is still being built (it waits on it).
  const isHealth = request.url.startsWith('/api/health');
  if (!isApi || isTokenEndpoint || isHealth) {
    return next(request);
  }
  const auth = inject(AuthStore);
  const router = inject(Router);
  const sentWith = auth.accessToken();
  const expire = () => auth.expireSession(router.url);

  return next(withToken(request, sentWith)).pipe(
    catchError((error: unknown) => {
      if (!(error instanceof HttpErrorResponse) || error.status !== 401 || !sentWith || !auth.isLoggedIn()) {
        return throwError(() => error);
      }
      // Someone else refreshed while this request was on its way: just use the new token.
      const current = auth.accessToken();
      const token$ = current && current !== sentWith ? of(current) : auth.refreshAccessToken();
      return token$.pipe(
        catchError(() => {
          expire();
          return throwError(() => error);
        }),
        switchMap((token) =>
          next(withToken(request, token)).pipe(
            catchError((retryError: unknown) => {
              if (retryError instanceof HttpErrorResponse && retryError.status === 401) {
                expire();
              }
              return throwError(() => retryError);
            }),
          ),
        ),
      );
    }),
  );
};
