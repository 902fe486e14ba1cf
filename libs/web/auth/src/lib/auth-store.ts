import { HttpClient, HttpParams, httpResource } from '@angular/common/http';
import { Injectable, computed, inject, signal } from '@angular/core';
import { Router } from '@angular/router';
import type { RegisterUserRequest, TokenResponse, User } from '@taskflow/shared-contracts';
import { Observable, finalize, map, shareReplay, tap, throwError } from 'rxjs';
import { StoredTokens, TokenStorage, tokensFromResponse } from './token-storage';

/** The signed-in session: tokens, the current user, and the calls that change them. */
@Injectable({ providedIn: 'root' })
export class AuthStore {
  private readonly http = inject(HttpClient);
  private readonly router = inject(Router);
  private readonly storage = inject(TokenStorage);

  private readonly tokens = signal<StoredTokens | null>(this.storage.read());
  private refreshInFlight: Observable<string> | null = null;

  readonly accessToken = computed(() => this.tokens()?.accessToken ?? null);
  readonly isLoggedIn = computed(() => this.tokens() !== null);

  /** `GET /api/users/me`, loaded whenever a session starts (not on every token refresh). */
  readonly me = httpResource<User>(() => (this.isLoggedIn() ? '/api/users/me' : undefined));
  readonly user = computed<User | null>(() => (this.isLoggedIn() && this.me.hasValue() ? this.me.value() : null));

  login(username: string, password: string): Observable<void> {
    const body = new HttpParams({ fromObject: { grant_type: 'password', username, password } });
    return this.http.post<TokenResponse>('/api/token', body).pipe(map((response) => this.setTokens(tokensFromResponse(response))));
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

  /**
   * Trades the refresh token for a new pair. Every caller during one refresh shares the same
   * request: the refresh token rotates, and presenting a spent one would revoke the session.
   */
  refreshAccessToken(): Observable<string> {
    if (this.refreshInFlight) {
      return this.refreshInFlight;
    }
    const refreshToken = this.tokens()?.refreshToken;
    if (!refreshToken) {
      return throwError(() => new Error('Not signed in'));
    }
    const body = new HttpParams({ fromObject: { grant_type: 'refresh_token', refresh_token: refreshToken } });
    this.refreshInFlight = this.http.post<TokenResponse>('/api/token', body).pipe(
      map((response) => {
        const tokens = tokensFromResponse(response);
        this.setTokens(tokens);
        return tokens.accessToken;
      }),
      finalize(() => (this.refreshInFlight = null)),
      shareReplay({ bufferSize: 1, refCount: false }),
    );
    return this.refreshInFlight;
  }

  /** Ends the session on request: revokes the refresh token (best effort) and goes to the login page. */
  logout(): void {
    const refreshToken = this.tokens()?.refreshToken;
    this.setTokens(null);
    if (refreshToken) {
      this.http
        .post('/api/token/revoke', new HttpParams({ fromObject: { token: refreshToken } }))
        .subscribe({ error: () => undefined });
    }
    void this.router.navigateByUrl('/login');
  }

  /** Ends a session the server no longer accepts, remembering where the person was. */
  expireSession(returnUrl: string): void {
    if (!this.isLoggedIn()) {
      return;
    }
    this.setTokens(null);
    void this.router.navigate(['/login'], {
      queryParams: isSafeReturnUrl(returnUrl) && !returnUrl.startsWith('/login') ? { returnUrl, expired: 1 } : { expired: 1 },
    });
  }

  private setTokens(tokens: StoredTokens | null): void {
    this.tokens.set(tokens);
    this.storage.write(tokens);
  }
}

/** Only same-site paths: `/tasks` yes; `//evil.example`, `https://…` and `javascript:` no. */
export function isSafeReturnUrl(url: string | null | undefined): url is string {
  return !!url && url.startsWith('/') && !url.startsWith('//') && !url.startsWith('/\\');
}
