import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { RouterOutlet } from '@angular/router';
import { ApiReadiness, AuthStore, ConfirmEmailBanner } from '@taskflow/web-auth';
import { LiveConnection } from '@taskflow/web-live';
import { TopBar } from '@taskflow/web-ui';

@Component({
  selector: 'tf-root',
  imports: [RouterOutlet, TopBar, ConfirmEmailBanner],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <a class="tf-skip-link" href="#main">Skip to content</a>
    <tf-top-bar [loggedIn]="auth.isLoggedIn()" [user]="auth.user()" [connection]="auth.isLoggedIn() ? live.status() : null" (logout)="auth.logout()" />
    <tf-confirm-email-banner />
    <main id="main" tabindex="-1">
      @if (api.ready()) {
        <router-outlet />
      } @else {
        <p class="tf-starting" role="status">TaskFlow is starting… this page continues by itself once the server is ready.</p>
      }
    </main>
  `,
  styles: `
    .tf-starting { padding: 32px 16px; text-align: center; font: var(--mat-sys-body-large); }
  `,
})
export class App {
  protected readonly auth = inject(AuthStore);
  protected readonly api = inject(ApiReadiness);
  /** Injected here so the stream opens with the session and closes with it, whatever page is shown. */
  protected readonly live = inject(LiveConnection);
}
