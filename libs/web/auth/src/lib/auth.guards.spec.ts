import { provideHttpClient } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { ActivatedRouteSnapshot, Router, RouterStateSnapshot, UrlTree, provideRouter } from '@angular/router';
import { authGuard, guestGuard } from './auth.guards';
import { startStore } from './testing-session';

function run(guard: typeof authGuard, url: string) {
  return TestBed.runInInjectionContext(() => guard({} as ActivatedRouteSnapshot, { url } as RouterStateSnapshot)) as Promise<boolean | UrlTree>;
}

describe('guards', () => {
  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()] });
  });

  it('authGuard sends a signed-out person to log in, remembering the URL', async () => {
    await startStore(false);
    const result = await run(authGuard, '/tasks/board?x=1');
    expect(result).toBeInstanceOf(UrlTree);
    expect(TestBed.inject(Router).serializeUrl(result as UrlTree)).toBe('/login?returnUrl=%2Ftasks%2Fboard%3Fx%3D1');
  });

  it('authGuard lets a person whose session was restored from the cookie through', async () => {
    await startStore(true);
    expect(await run(authGuard, '/tasks')).toBe(true);
  });

  it('guestGuard sends a signed-in person to the tasks', async () => {
    await startStore(true);
    const result = await run(guestGuard, '/login');
    expect(TestBed.inject(Router).serializeUrl(result as UrlTree)).toBe('/tasks');
  });

  it('guestGuard lets a signed-out person see the login page', async () => {
    await startStore(false);
    expect(await run(guestGuard, '/login')).toBe(true);
  });
});
