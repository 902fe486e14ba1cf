import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { AuthStore } from '@taskflow/web-auth';
import { LiveSession } from '@taskflow/web-live';
import { App } from './app';

describe('App', () => {
  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [App],
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting(), { provide: LiveSession, useExisting: AuthStore }],
    });
  });

  it('shows the brand, a skip link and the login links when signed out', async () => {
    const fixture = TestBed.createComponent(App);
    const backend = TestBed.inject(HttpTestingController);
    fixture.detectChanges();
    expect((fixture.nativeElement as HTMLElement).textContent).toContain('TaskFlow is starting');
    backend.expectOne('/api/health/ready').flush({ status: 'ok' });
    await new Promise((resolve) => setTimeout(resolve, 0));
    // No tf_refresh cookie: the session restore on start is refused.
    backend
      .expectOne('/api/token')
      .flush({ error: 'invalid_request', error_description: 'refresh_token is required.' }, { status: 400, statusText: 'Bad Request' });
    await fixture.whenStable();
    const text = (fixture.nativeElement as HTMLElement).textContent ?? '';
    expect(text).toContain('TaskFlow');
    expect(text).toContain('Skip to content');
    expect(text).toContain('Log in');
    expect(text).not.toContain('Board');
    // No session, no stream: the connection state is not shown.
    expect((fixture.nativeElement as HTMLElement).querySelector('tf-connection-indicator')).toBeNull();
    TestBed.inject(HttpTestingController).verify();
  });
});
