import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { CookieTokenResponse } from '@taskflow/shared-contracts';
import { AuthStore } from './auth-store';

export const accessPair = (n: number): CookieTokenResponse => ({ access_token: `access-${n}`, token_type: 'bearer', expires_in: 1800 });

/** Lets promise callbacks run (the refresh resolves through one). */
export const flushPromises = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Creates the store and answers the refresh it sends on start: with a session (`signedIn`), as if
 * the browser held a live `tf_refresh` cookie, or with invalid_request, as for a first visit.
 */
export async function startStore(signedIn: boolean): Promise<AuthStore> {
  const store = TestBed.inject(AuthStore);
  const backend = TestBed.inject(HttpTestingController);
  await answerReady();
  const refresh = backend.expectOne('/api/token');
  if (signedIn) refresh.flush(accessPair(1));
  else refresh.flush({ error: 'invalid_request', error_description: 'refresh_token is required.' }, { status: 400, statusText: 'Bad Request' });
  await store.restored;
  return store;
}

/** Answers the readiness check the app makes before anything else. */
export async function answerReady(): Promise<void> {
  TestBed.inject(HttpTestingController).expectOne('/api/health/ready').flush({ status: 'ok' });
  await flushPromises();
}
