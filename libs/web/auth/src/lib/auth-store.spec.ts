import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ApplicationRef } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { AuthStore, isSafeReturnUrl } from './auth-store';
import { TokenStorage } from './token-storage';

const user = { id: 'u1', username: 'ada', email: 'ada@example.com', emailVerified: false, createdAt: '2026-01-01T00:00:00Z' };

const settle = () => TestBed.inject(ApplicationRef).whenStable();

describe('AuthStore', () => {
  let store: AuthStore;
  let backend: HttpTestingController;
  let router: Router;

  beforeEach(() => {
    sessionStorage.clear();
    TestBed.configureTestingModule({ providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()] });
    store = TestBed.inject(AuthStore);
    backend = TestBed.inject(HttpTestingController);
    router = TestBed.inject(Router);
    jest.spyOn(router, 'navigateByUrl').mockResolvedValue(true);
  });

  afterEach(() => backend.verify());

  it('logs in with a form-encoded password grant, keeps the tokens and loads the user', async () => {
    store.login('ada', 'p&ss word').subscribe();
    const req = backend.expectOne('/api/token');
    expect(req.request.method).toBe('POST');
    expect(req.request.body.toString()).toBe('grant_type=password&username=ada&password=p%26ss%20word');
    req.flush({ access_token: 'a1', token_type: 'bearer', expires_in: 1800, refresh_token: 'r1' });
    expect(store.isLoggedIn()).toBe(true);
    expect(store.accessToken()).toBe('a1');
    expect(TestBed.inject(TokenStorage).read()).toMatchObject({ accessToken: 'a1', refreshToken: 'r1' });

    TestBed.tick();
    backend.expectOne('/api/users/me').flush(user);
    await settle();
    expect(store.user()).toEqual(user);
  });

  it('registers with JSON', () => {
    store.register({ username: 'ada', email: 'ada@example.com', password: 'longenough' }).subscribe();
    const req = backend.expectOne('/api/users');
    expect(req.request.body).toEqual({ username: 'ada', email: 'ada@example.com', password: 'longenough' });
    req.flush(user, { status: 201, statusText: 'Created' });
  });

  it('logs out: forgets the tokens, revokes the refresh token and goes to the login page', () => {
    TestBed.inject(TokenStorage).write({ accessToken: 'a1', refreshToken: 'r1', expiresAt: 0 });
    TestBed.resetTestingModule();
    TestBed.configureTestingModule({ providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()] });
    store = TestBed.inject(AuthStore);
    backend = TestBed.inject(HttpTestingController);
    router = TestBed.inject(Router);
    const navigate = jest.spyOn(router, 'navigateByUrl').mockResolvedValue(true);
    expect(store.isLoggedIn()).toBe(true);
    TestBed.tick();
    backend.expectOne('/api/users/me').flush(user);

    store.logout();
    expect(store.isLoggedIn()).toBe(false);
    expect(TestBed.inject(TokenStorage).read()).toBeNull();
    const revoke = backend.expectOne('/api/token/revoke');
    expect(revoke.request.body.toString()).toBe('token=r1');
    revoke.flush(null);
    expect(navigate).toHaveBeenCalledWith('/login');
  });

  it('confirms the email and reloads the user', async () => {
    TestBed.inject(TokenStorage).write({ accessToken: 'a1', refreshToken: 'r1', expiresAt: 0 });
    TestBed.resetTestingModule();
    TestBed.configureTestingModule({ providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()] });
    store = TestBed.inject(AuthStore);
    backend = TestBed.inject(HttpTestingController);
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
