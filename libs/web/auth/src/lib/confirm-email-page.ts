import { ChangeDetectionStrategy, Component, DestroyRef, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { ActivatedRoute, RouterLink } from '@angular/router';
import { describeHttpError } from '@taskflow/web-ui';
import { AuthStore } from './auth-store';

type State = 'working' | 'done' | 'failed' | 'missing';

@Component({
  selector: 'tf-confirm-email-page',
  imports: [RouterLink, MatButtonModule, MatProgressBarModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './auth-page.scss',
  template: `
    <section class="tf-auth-card" aria-labelledby="confirm-title" aria-live="polite">
      <h1 id="confirm-title">Confirm your email</h1>
      @switch (state()) {
        @case ('working') {
          <mat-progress-bar mode="indeterminate" aria-label="Confirming" />
          <p>Confirming your email address…</p>
        }
        @case ('done') {
          <p class="tf-auth-message" role="status">Thanks! Your email address is confirmed.</p>
          <a mat-flat-button routerLink="/tasks">Go to my tasks</a>
        }
        @case ('missing') {
          <p class="tf-auth-message tf-auth-error" role="alert">This link has no confirmation token. Open the link from the email again.</p>
        }
        @case ('failed') {
          <p class="tf-auth-message tf-auth-error" role="alert">{{ message() }}</p>
          <a mat-button routerLink="/tasks">Back to my tasks</a>
        }
      }
    </section>
  `,
})
export class ConfirmEmailPage {
  private readonly auth = inject(AuthStore);
  protected readonly state = signal<State>('working');
  protected readonly message = signal('');

  constructor() {
    const token = inject(ActivatedRoute).snapshot.queryParamMap.get('token');
    if (!token) {
      this.state.set('missing');
      return;
    }
    this.auth
      .confirmEmail(token)
      .pipe(takeUntilDestroyed(inject(DestroyRef)))
      .subscribe({
        next: () => this.state.set('done'),
        error: (error: unknown) => {
          this.message.set(describeHttpError(error, 'This confirmation link is invalid or has expired.'));
          this.state.set('failed');
        },
      });
  }
}
