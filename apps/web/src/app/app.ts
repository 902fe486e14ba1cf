import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { RouterOutlet } from '@angular/router';
import { AuthStore, ConfirmEmailBanner } from '@taskflow/web-auth';
import { TopBar } from '@taskflow/web-ui';

@Component({
  selector: 'tf-root',
  imports: [RouterOutlet, TopBar, ConfirmEmailBanner],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <a class="tf-skip-link" href="#main">Skip to content</a>
    <tf-top-bar [loggedIn]="auth.isLoggedIn()" [user]="auth.user()" (logout)="auth.logout()" />
    <tf-confirm-email-banner />
    <main id="main" tabindex="-1">
      <router-outlet />
    </main>
  `,
})
export class App {
  protected readonly auth = inject(AuthStore);
}
