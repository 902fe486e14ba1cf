import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ApplicationRef } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { AuthStore, isSafeReturnUrl } from './auth-store';
import { SessionSync } from './session-sync';
import { answerReady, startStore } from './testing-session';

const user = { id: 'u1', username: 'ada', email: 'ada@example.com', emailVerified: false, createdAt: '2026-01-01T00:00:00Z' };

const settle = () => TestBed.inject(ApplicationRef).whenStable();

describe('AuthStore', () => {
  let backend: HttpTestingController;
  let router: Router;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()] });
    backend = TestBed.inject(HttpTestingController);
    router = TestBed.inject(Router);
    jest.spyOn(router, 'navigateByUrl').mockResolvedValue(true);
  });

  afterEach(() => backend.verify());

  it('restores a session from the refresh cookie on start, in cookie mode, without any stored token', async () => {
    const store = TestBed.inject(AuthStore);
    await answerReady();
    const refresh = backend.expectOne('/api/token');
    expect(refresh.request.headers.get('X-Refresh-Cookie')).toBe('1');
    expect(refresh.request.body.toString()).toBe('grant_type=refresh_token');
    refresh.flush({ access_token: 'a1', token_type: 'bearer', expires_in: 1800 });
    await store.restored;
    expect(store.accessToken()).toBe('a1');
    expect(JSON.stringify({ ...localStorage, ...sessionStorage })).not.toContain('a1');
    TestBed.tick();
    backend.expectOne('/api/users/me').flush(user);
  });

  it('starts signed out when there is no cookie session', async () => {
    const store = await startStore(false);
    expect(store.isLoggedIn()).toBe(false);
  });

  it('logs in with a form-encoded password grant in cookie mode and loads the user', async () => {
    const store = await startStore(false);
    store.login('ada', 'p&ss word').subscribe();
    const req = backend.expectOne('/api/token');
    expect(req.request.method).toBe('POST');
    expect(req.request.headers.get('X-Refresh-Cookie')).toBe('1');
    expect(req.request.body.toString()).toBe('grant_type=password&username=ada&password=p%26ss%20word');
    req.flush({ access_token: 'a1', token_type: 'bearer', expires_in: 1800 });
    expect(store.accessToken()).toBe('a1');

    TestBed.tick();
    backend.expectOne('/api/users/me').flush(user);
    await settle();
    expect(store.user()).toEqual(user);
  });

  it('registers with JSON', async () => {
    const store = await startStore(false);
    store.register({ username: 'ada', email: 'ada@example.com', password: 'longenough' }).subscribe();
    const req = backend.expectOne('/api/users');
    expect(req.request.body).toEqual({ username: 'ada', email: 'ada@example.com', password: 'longenough' });
    req.flush(user, { status: 201, statusText: 'Created' });
  });

  it('logs out: forgets the token, revokes the cookie session, tells the other tabs and goes to the login page', async () => {
    const announce = jest.spyOn(TestBed.inject(SessionSync), 'announce');
    const store = await startStore(true);
    TestBed.tick();
    backend.expectOne('/api/users/me').flush(user);

    store.logout();
    expect(store.isLoggedIn()).toBe(false);
    const revoke = backend.expectOne('/api/token/revoke');
    expect(revoke.request.headers.get('X-Refresh-Cookie')).toBe('1');
    expect(revoke.request.body.toString()).toBe('');
    revoke.flush(null);
    expect(announce).toHaveBeenCalledWith('logout');
    expect(router.navigateByUrl).toHaveBeenCalledWith('/login');
  });

  it('signs out when another tab logs out', async () => {
    const sync = TestBed.inject(SessionSync);
    let listener: ((event: 'logout' | 'login') => void) | undefined;
    jest.spyOn(sync, 'onEvent').mockImplementation((l) => (listener = l));
    const store = await startStore(true);
    TestBed.tick();
    backend.expectOne('/api/users/me').flush(user);
    listener?.('logout');
    expect(store.isLoggedIn()).toBe(false);
    expect(router.navigateByUrl).toHaveBeenCalledWith('/login');
  });

  it('confirms the email and reloads the user', async () => {
    const store = await startStore(true);
    TestBed.tick();
    backend.expectOne('/api/users/me').flush(user);
    await settle();

    let done = false;
    store.confirmEmail('tok').subscribe(() => (done = true));
    const req = backend.expectOne('/api/users/me/confirm');
    expect(req.request.body).toEqual({ token: 'tok' });
    req.flush(null, { status: 204, statusText: 'No Content' });
    expect(done).toBe(true);
    TestBed.tick();
    backend.expectOne('/api/users/me').flush({ ...user, emailVerified: true });
    await settle();
    expect(store.user()?.emailVerified).toBe(true);
  });

  it('accepts only same-site return URLs', () => {
    expect(isSafeReturnUrl('/tasks?x=1')).toBe(true);
    expect(isSafeReturnUrl('//evil.example')).toBe(false);
    expect(isSafeReturnUrl('https://evil.example')).toBe(false);
    expect(isSafeReturnUrl('javascript:alert(1)')).toBe(false);
    expect(isSafeReturnUrl(undefined)).toBe(false);
  });
});
