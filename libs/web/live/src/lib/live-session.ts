import type { Signal } from '@angular/core';
import type { Observable } from 'rxjs';

/**
 * What the stream needs of the signed-in session (the port to `@taskflow/web-auth`, whose
 * `AuthStore` the app provides for it): the access token in memory, who is signed in, and a way to
 * trade the refresh cookie for a fresh token (shared with every other caller, one at a time across tabs).
 */
export abstract class LiveSession {
  abstract readonly accessToken: Signal<string | null>;
  abstract readonly user: Signal<{ id: string; username: string } | null>;
  abstract refreshAccessToken(): Observable<string>;
}
