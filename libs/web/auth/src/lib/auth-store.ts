import { HttpClient, HttpHeaders, HttpParams, httpResource } from '@angular/common/http';
import { Injectable, computed, inject, signal } from '@angular/core';
import { Router } from '@angular/router';
import { REFRESH_COOKIE_HEADER, type CookieTokenResponse, type RegisterUserRequest, type User } from '@taskflow/shared-contracts';
import { Observable, defer, finalize, firstValueFrom, from, map, shareReplay, tap } from 'rxjs';
import { ApiReadiness } from './api-readiness';
import { SessionSync } from './session-sync';

/** Asks the API for cookie mode: the refresh token stays in an HttpOnly cookie, out of scripts' reach. */
const COOKIE_MODE = new HttpHeaders({ [REFRESH_COOKIE_HEADER]: '1' });

/**
 * The signed-in session. The access token lives in memory only; the refresh token is the
 * `tf_refresh` cookie (HttpOnly, SameSite=Strict, sent only to /api/token), so a reload or a new
 * tab signs in again from the cookie, and no script can read the long-lived secret.
 */
@Injectable({ providedIn: 'root' })
export class AuthStore {
  private readonly http = inject(HttpClient);
  private readonly router = inject(Router);
  private readonly sync = inject(SessionSync);

  private readonly token = signal<string | null>(null);
  private refreshInFlight: Observable<string> | null = null;

  readonly accessToken = this.token.asReadonly();
  readonly isLoggedIn = computed(() => this.token() !== null);

  /** `GET /api/users/me`, loaded whenever a session starts (not on every token refresh). */
  readonly me = httpResource<User>(() => (this.isLoggedIn() ? '/api/users/me' : undefined));
  readonly user = computed<User | null>(() => (this.isLoggedIn() && this.me.hasValue() ? this.me.value() : null));

  /** Settles once the session a cookie may hold has been restored (or found absent); guards wait for it. */
  readonly restored: Promise<void> = inject(ApiReadiness)
    .whenReady.then(() => firstValueFrom(defer(() => this.refreshAccessToken())))
    .then(
      () => undefined,
      () => undefined,
    );

  constructor() {
    this.sync.onEvent((event) => {
      if (event === 'logout' && this.isLoggedIn()) {
        this.token.set(null);
        void this.router.navigateByUrl('/login');
      }
    });
  }

  login(username: string, password: string): Observable<void> {
    const body = new HttpParams({ fromObject: { grant_type: 'password', username, password } });
    return this.http.post<CookieTokenResponse>('/api/token', body, { headers: COOKIE_MODE }).pipe(
      map((response) => {
        this.token.set(response.access_token);
        this.sync.announce('login');
      }),
    );
  }

  register(request: RegisterUserRequest): Observable<User> {
    return this.http.post<User>('/api/users', request);
  }

  confirmEmail(token: string): Observable<void> {
    return this.http.post<void>('/api/users/me/confirm', { token }).pipe(
      tap(() => this.me.reload()),
      map(() => undefined),
    );
  }

  resendConfirmation(): Observable<void> {
    return this.http.post<void>('/api/users/me/confirmation-email', null);
  }

  requestPasswordReset(email: string): Observable<void> {
    return this.http.post<void>('/api/password-resets', { email });
  }

  resetPassword(token: string, password: string): Observable<void> {
    return this.http.post<void>('/api/password-resets/confirm', { token, password });
  }

  changePassword(currentPassword: string, newPassword: string): Observable<void> {
    return this.http.patch<void>('/api/users/me/password', { currentPassword, newPassword });
  }

  /**
   * Trades the cookie for a new access token (the cookie rotates). Every caller during one refresh
   * shares the same request, and the tabs of this browser take turns (see SessionSync).
   */
  refreshAccessToken(): Observable<string> {
    if (this.refreshInFlight) {
      return this.refreshInFlight;
    }
    const body = new HttpParams({ fromObject: { grant_type: 'refresh_token' } });
    this.refreshInFlight = from(
      this.sync.exclusive(() => firstValueFrom(this.http.post<CookieTokenResponse>('/api/token', body, { headers: COOKIE_MODE }))),
    ).pipe(
      map((response) => {
        this.token.set(response.access_token);
        return response.access_token;
      }),
      finalize(() => (this.refreshInFlight = null)),
      shareReplay({ bufferSize: 1, refCount: false }),
    );
    return this.refreshInFlight;
  }

  /** Ends the session on request: revokes the cookie's session (best effort), here and in every other tab. */
  logout(): void {
    this.token.set(null);
    this.http.post('/api/token/revoke', new HttpParams(), { headers: COOKIE_MODE }).subscribe({ error: () => undefined });
    this.sync.announce('logout');
    void this.router.navigateByUrl('/login');
  }

  /** Ends a session the server no longer accepts, remembering where the person was. */
  expireSession(returnUrl: string): void {
    if (!this.isLoggedIn()) {
      return;
    }
    this.token.set(null);
    void this.router.navigate(['/login'], {
      queryParams: isSafeReturnUrl(returnUrl) && !returnUrl.startsWith('/login') ? { returnUrl, expired: 1 } : { expired: 1 },
    });
  }
}

/** Only same-site paths: `/tasks` yes; `//evil.example`, `https://…` and `javascript:` no. */
export function isSafeReturnUrl(url: string | null | undefined): url is string {
  return !!url && url.startsWith('/') && !url.startsWith('//') && !url.startsWith('/\\');
}
