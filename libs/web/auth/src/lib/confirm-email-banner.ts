import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { describeHttpError } from '@taskflow/web-ui';
import { AuthStore } from './auth-store';

type State = 'idle' | 'sending' | 'sent' | 'failed';

/** Shown while the signed-in person's address is unconfirmed, with a way to get the email again. */
@Component({
  selector: 'tf-confirm-email-banner',
  imports: [MatButtonModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (visible()) {
      <aside class="tf-banner" aria-label="Email confirmation">
        @switch (state()) {
          @case ('sent') {
            <span role="status">We sent a new confirmation link to {{ auth.user()?.email }}.</span>
          }
          @case ('failed') {
            <span role="alert">{{ message() }}</span>
          }
          @default {
            <span>Please confirm your email address: open the link we sent to {{ auth.user()?.email }}.</span>
            <button mat-button type="button" (click)="resend()" [disabled]="state() === 'sending'">
              {{ state() === 'sending' ? 'Sending…' : 'Resend' }}
            </button>
          }
        }
      </aside>
    }
  `,
  styles: `
    .tf-banner { display: flex; flex-wrap: wrap; align-items: center; gap: 8px; padding: 8px 16px;
      background: var(--mat-sys-tertiary-container); color: var(--mat-sys-on-tertiary-container); font: var(--mat-sys-body-medium); }
  `,
})
export class ConfirmEmailBanner {
  protected readonly auth = inject(AuthStore);
  protected readonly state = signal<State>('idle');
  protected readonly message = signal('');
  protected readonly visible = computed(() => this.auth.user()?.emailVerified === false);

  protected resend(): void {
    this.state.set('sending');
    this.auth.resendConfirmation().subscribe({
      next: () => this.state.set('sent'),
      error: (error: unknown) => {
        if (error instanceof HttpErrorResponse && error.status === 409) {
          this.auth.me.reload();
          return;
        }
        this.message.set(
          error instanceof HttpErrorResponse && error.status === 429 ? 'You asked for several emails already; try again in an hour.' : describeHttpError(error),
        );
        this.state.set('failed');
      },
    });
  }
}
