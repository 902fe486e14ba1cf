import { HttpClient } from '@angular/common/http';
import { Injectable, inject, signal } from '@angular/core';
import { firstValueFrom } from 'rxjs';

const RETRY_MS = 1000;

/**
 * Whether the API answers `/api/health/ready` (migrations done, stores up). On a first `npm start`
 * the web app is served before the API is up: until then the app says "starting…" instead of
 * offering a login form that could only fail. Asked again every second until it answers, then never.
 */
@Injectable({ providedIn: 'root' })
export class ApiReadiness {
  private readonly http = inject(HttpClient);
  private readonly isReady = signal(false);
  readonly ready = this.isReady.asReadonly();
  /** Resolves once the API has answered ready. */
  readonly whenReady: Promise<void> = this.check();

  private async check(): Promise<void> {
    for (;;) {
      try {
        await firstValueFrom(this.http.get('/api/health/ready'));
        this.isReady.set(true);
        return;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
      }
    }
  }
}
