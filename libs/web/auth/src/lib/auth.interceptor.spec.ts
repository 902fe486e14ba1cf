import { HttpClient, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { AuthStore } from './auth-store';
import { authInterceptor } from './auth.interceptor';
import { accessPair as pair, flushPromises, startStore } from './testing-session';

describe('authInterceptor', () => {
  let http: HttpClient;
  let backend: HttpTestingController;
  let router: Router;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [provideRouter([]), provideHttpClient(withInterceptors([authInterceptor])), provideHttpClientTesting()],
    });
    http = TestBed.inject(HttpClient);
    backend = TestBed.inject(HttpTestingController);
    router = TestBed.inject(Router);
    jest.spyOn(router, 'navigate').mockResolvedValue(true);
    jest.spyOn(router, 'navigateByUrl').mockResolvedValue(true);
    await startStore(true);
    // The store loads /api/users/me when a session exists; answer it so it does not get in the way.
    TestBed.tick();
    backend.match('/api/users/me').forEach((req) => req.flush({ id: 'u1', username: 'ada', email: 'a@b.c', emailVerified: true, createdAt: '' }));
  });

  afterEach(() => backend.verify());

  /** The refresh goes out in cookie mode: no refresh token in the body, the browser sends the cookie. */
  function expectRefresh() {
    const refresh = backend.expectOne('/api/token');
    expect(refresh.request.method).toBe('POST');
    expect(refresh.request.headers.has('Authorization')).toBe(false);
    expect(refresh.request.headers.get('X-Refresh-Cookie')).toBe('1');
    expect(refresh.request.body.toString()).toBe('grant_type=refresh_token');
    return refresh;
  }

  it('adds the bearer token to API calls but not to the token endpoint or other hosts', () => {
    http.get('/api/tasks').subscribe();
    http.get('https://example.com/x').subscribe();
    backend.expectOne('/api/tasks').flush({});
    const outside = backend.expectOne('https://example.com/x');
    expect(outside.request.headers.has('Authorization')).toBe(false);
    outside.flush({});
  });

  it('sends the bearer token', () => {
    http.get('/api/tasks').subscribe();
    const req = backend.expectOne('/api/tasks');
    expect(req.request.headers.get('Authorization')).toBe('Bearer access-1');
    req.flush({});
  });

  it('refreshes once on a 401 and retries with the new token', async () => {
    const results: unknown[] = [];
    http.get('/api/tasks').subscribe((body) => results.push(body));
    backend.expectOne('/api/tasks').flush(null, { status: 401, statusText: 'Unauthorized' });
    expectRefresh().flush(pair(2));
    await flushPromises();
    const retry = backend.expectOne('/api/tasks');
    expect(retry.request.headers.get('Authorization')).toBe('Bearer access-2');
    retry.flush({ items: [] });
    expect(results).toEqual([{ items: [] }]);
    expect(TestBed.inject(AuthStore).accessToken()).toBe('access-2');
  });

  it('makes concurrent 401s share one refresh', async () => {
    const results: unknown[] = [];
    http.get('/api/tasks').subscribe((b) => results.push(b));
    http.get('/api/users/me').subscribe((b) => results.push(b));
    http.get('/api/tasks/1').subscribe((b) => results.push(b));
    for (const req of backend.match(() => true)) {
      req.flush(null, { status: 401, statusText: 'Unauthorized' });
    }
    // Exactly one refresh request for three failures.
    expectRefresh().flush(pair(2));
    await flushPromises();
    const retries = backend.match(() => true);
    expect(retries).toHaveLength(3);
    for (const req of retries) {
      expect(req.request.headers.get('Authorization')).toBe('Bearer access-2');
      req.flush({ ok: true });
    }
    expect(results).toHaveLength(3);
  });

  it('retries without refreshing again when a 401 arrives after another request already refreshed', async () => {
    http.get('/api/tasks').subscribe();
    http.get('/api/tasks/1').subscribe();
    const [first, second] = backend.match(() => true);
    first.flush(null, { status: 401, statusText: 'Unauthorized' });
    expectRefresh().flush(pair(2));
    await flushPromises();
    backend.expectOne((r) => r.url === '/api/tasks' && r.headers.get('Authorization') === 'Bearer access-2').flush({});
    // The second request was sent with the old token and fails late: no second refresh.
    second.flush(null, { status: 401, statusText: 'Unauthorized' });
    backend.expectOne((r) => r.url === '/api/tasks/1' && r.headers.get('Authorization') === 'Bearer access-2').flush({});
    backend.expectNone('/api/token');
  });

  it('logs out and goes to the login page with the URL remembered when the refresh fails', async () => {
    jest.spyOn(router, 'url', 'get').mockReturnValue('/tasks/board');
    const errors: unknown[] = [];
    http.get('/api/tasks').subscribe({ error: (e) => errors.push(e) });
    backend.expectOne('/api/tasks').flush(null, { status: 401, statusText: 'Unauthorized' });
    expectRefresh().flush({ error: 'invalid_grant', error_description: 'spent' }, { status: 400, statusText: 'Bad Request' });
    await flushPromises();
    expect(errors).toHaveLength(1);
    expect(TestBed.inject(AuthStore).isLoggedIn()).toBe(false);
    expect(router.navigate).toHaveBeenCalledWith(['/login'], { queryParams: { returnUrl: '/tasks/board', expired: 1 } });
  });

  it('logs out when the retried request is still refused', async () => {
    http.get('/api/tasks').subscribe({ error: () => undefined });
    backend.expectOne('/api/tasks').flush(null, { status: 401, statusText: 'Unauthorized' });
    expectRefresh().flush(pair(2));
    await flushPromises();
    backend.expectOne('/api/tasks').flush(null, { status: 401, statusText: 'Unauthorized' });
    backend.expectNone('/api/token');
    expect(TestBed.inject(AuthStore).isLoggedIn()).toBe(false);
  });

  it('passes other errors through untouched', () => {
    const errors: { status: number }[] = [];
    http.get('/api/tasks').subscribe({ error: (e) => errors.push(e) });
    backend.expectOne('/api/tasks').flush(null, { status: 412, statusText: 'Precondition Failed' });
    backend.expectNone('/api/token');
    expect(errors[0].status).toBe(412);
    expect(TestBed.inject(AuthStore).isLoggedIn()).toBe(true);
  });
});
