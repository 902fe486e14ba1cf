import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { RouterLink } from '@angular/router';
import { EMAIL_MAX_LENGTH } from '@taskflow/shared-contracts';
import { describeHttpError } from '@taskflow/web-ui';
import { AuthStore } from './auth-store';

@Component({
  selector: 'tf-forgot-password-page',
  imports: [ReactiveFormsModule, RouterLink, MatFormFieldModule, MatInputModule, MatButtonModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './auth-page.scss',
  template: `
    <section class="tf-auth-card" aria-labelledby="forgot-title">
      <h1 id="forgot-title">Forgot your password?</h1>
      @if (sent()) {
        <p class="tf-auth-message" role="status">
          If an account uses {{ sent() }}, we sent it a link to choose a new password. The link works once, for 30 minutes.
        </p>
        <a routerLink="/login">Back to log in</a>
      } @else {
        <p>Enter the email address of your account and we will send you a link to choose a new password.</p>
        @if (error()) {
          <p class="tf-auth-message tf-auth-error" role="alert">{{ error() }}</p>
        }
        <form [formGroup]="form" (ngSubmit)="submit()">
          <mat-form-field appearance="outline">
            <mat-label>Email</mat-label>
            <input matInput type="email" formControlName="email" autocomplete="email" required />
            @if (form.controls.email.hasError('required')) {
              <mat-error>Enter your email address.</mat-error>
            } @else if (form.controls.email.invalid) {
              <mat-error>Enter a valid email address.</mat-error>
            }
          </mat-form-field>
          <div class="tf-auth-actions">
            <a routerLink="/login">Back to log in</a>
            <button mat-flat-button type="submit" [disabled]="busy()">{{ busy() ? 'Sending…' : 'Send the link' }}</button>
          </div>
        </form>
      }
    </section>
  `,
})
export class ForgotPasswordPage {
  private readonly auth = inject(AuthStore);
  protected readonly busy = signal(false);
  protected readonly error = signal('');
  protected readonly sent = signal('');
  protected readonly form = inject(NonNullableFormBuilder).group({
    email: ['', [Validators.required, Validators.email, Validators.maxLength(EMAIL_MAX_LENGTH)]],
  });

  protected submit(): void {
    if (this.form.invalid || this.busy()) {
      this.form.markAllAsTouched();
      return;
    }
    const email = this.form.getRawValue().email.trim();
    this.busy.set(true);
    this.error.set('');
    this.auth.requestPasswordReset(email).subscribe({
      next: () => this.sent.set(email),
      error: (error: unknown) => {
        this.busy.set(false);
        this.error.set(describeHttpError(error));
      },
    });
  }
}
