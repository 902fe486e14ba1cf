import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import type { OAuthError } from '@taskflow/shared-contracts';
import { describeHttpError } from '@taskflow/web-ui';
import { AuthStore, isSafeReturnUrl } from './auth-store';

export function describeLoginError(error: unknown): string {
  if (error instanceof HttpErrorResponse) {
    if (error.status === 429) {
      const seconds = Number(error.headers.get('Retry-After'));
      const wait = seconds > 0 ? ` Try again in ${Math.ceil(seconds / 60)} minute${seconds > 60 ? 's' : ''}.` : ' Try again later.';
      return `Too many attempts.${wait}`;
    }
    const body = error.error as Partial<OAuthError> | null;
    if (error.status === 400 && body?.error === 'invalid_grant') {
      return 'Wrong username or password.';
    }
  }
  return describeHttpError(error);
}

@Component({
  selector: 'tf-login-page',
  imports: [ReactiveFormsModule, RouterLink, MatFormFieldModule, MatInputModule, MatButtonModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './auth-page.scss',
  template: `
    <section class="tf-auth-card" aria-labelledby="login-title">
      <h1 id="login-title">Log in</h1>
      @if (registered()) {
        <p class="tf-auth-message" role="status">Account created. We sent you an email with a confirmation link. Log in to start.</p>
      }
      @if (confirming()) {
        <p class="tf-auth-message" role="status">Sign in to confirm your address.</p>
      }
      @if (expired()) {
        <p class="tf-auth-message" role="status">Your session ended. Please log in again.</p>
      }
      @if (error()) {
        <p class="tf-auth-message tf-auth-error" role="alert">{{ error() }}</p>
      }
      <form [formGroup]="form" (ngSubmit)="submit()">
        <mat-form-field appearance="outline">
          <mat-label>Username</mat-label>
          <input matInput formControlName="username" autocomplete="username" required />
          @if (form.controls.username.hasError('required')) {
            <mat-error>Enter your username.</mat-error>
          }
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>Password</mat-label>
          <input matInput type="password" formControlName="password" autocomplete="current-password" required />
          @if (form.controls.password.hasError('required')) {
            <mat-error>Enter your password.</mat-error>
          }
        </mat-form-field>
        <div class="tf-auth-actions">
          <span class="tf-auth-links">
            <a routerLink="/register">Create an account</a>
            <a routerLink="/forgot-password">Forgot your password?</a>
          </span>
          <button mat-flat-button type="submit" [disabled]="busy()">{{ busy() ? 'Logging in…' : 'Log in' }}</button>
        </div>
      </form>
    </section>
  `,
})
export class LoginPage {
  private readonly auth = inject(AuthStore);
  private readonly router = inject(Router);

  /** Query parameters, bound by `withComponentInputBinding()`. */
  readonly returnUrl = input<string>();
  readonly registered = input<string>();
  readonly expired = input<string>();

  /** Came from a confirmation link while signed out: it confirms once they are in. */
  protected readonly confirming = computed(() => this.returnUrl()?.startsWith('/confirm') ?? false);
  protected readonly busy = signal(false);
  protected readonly error = signal('');
  protected readonly form = inject(NonNullableFormBuilder).group({
    username: [inject(ActivatedRoute).snapshot.queryParamMap.get('username') ?? '', Validators.required],
    password: ['', Validators.required],
  });

  protected submit(): void {
    if (this.form.invalid || this.busy()) {
      this.form.markAllAsTouched();
      return;
    }
    const { username, password } = this.form.getRawValue();
    this.busy.set(true);
    this.error.set('');
    this.auth.login(username.trim(), password).subscribe({
      next: () => {
        const target = this.returnUrl();
        void this.router.navigateByUrl(isSafeReturnUrl(target) ? target : '/tasks');
      },
      error: (error: unknown) => {
        this.busy.set(false);
        this.error.set(describeLoginError(error));
      },
    });
  }
}
