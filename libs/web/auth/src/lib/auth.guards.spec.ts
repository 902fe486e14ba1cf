import { provideHttpClient } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { ActivatedRouteSnapshot, Router, RouterStateSnapshot, UrlTree, provideRouter } from '@angular/router';
import { authGuard, guestGuard } from './auth.guards';
import { TokenStorage } from './token-storage';

function run(guard: typeof authGuard, url: string) {
  return TestBed.runInInjectionContext(() => guard({} as ActivatedRouteSnapshot, { url } as RouterStateSnapshot));
}

describe('guards', () => {
  beforeEach(() => {
    sessionStorage.clear();
    TestBed.configureTestingModule({ providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()] });
  });

  const signIn = () => TestBed.inject(TokenStorage).write({ accessToken: 'a', refreshToken: 'r', expiresAt: 0 });

  it('authGuard sends a signed-out person to log in, remembering the URL', () => {
    const result = run(authGuard, '/tasks/board?x=1');
    expect(result).toBeInstanceOf(UrlTree);
    expect(TestBed.inject(Router).serializeUrl(result as UrlTree)).toBe('/login?returnUrl=%2Ftasks%2Fboard%3Fx%3D1');
  });

  it('authGuard lets a signed-in person through', () => {
    signIn();
    expect(run(authGuard, '/tasks')).toBe(true);
  });

  it('guestGuard sends a signed-in person to the tasks', () => {
    signIn();
    const result = run(guestGuard, '/login');
    expect(TestBed.inject(Router).serializeUrl(result as UrlTree)).toBe('/tasks');
  });

  it('guestGuard lets a signed-out person see the login page', () => {
    expect(run(guestGuard, '/login')).toBe(true);
  });
});
