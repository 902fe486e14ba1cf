import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { Router, RouterLink } from '@angular/router';
import {
  EMAIL_MAX_LENGTH,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  USERNAME_MAX_LENGTH,
  USERNAME_MIN_LENGTH,
  USERNAME_PATTERN,
} from '@taskflow/shared-contracts';
import { describeHttpError, fieldErrorsOf, problemOf } from '@taskflow/web-ui';
import { AuthStore } from './auth-store';

type Field = 'username' | 'email' | 'password';

@Component({
  selector: 'tf-register-page',
  imports: [ReactiveFormsModule, RouterLink, MatFormFieldModule, MatInputModule, MatButtonModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './auth-page.scss',
  template: `
    <section class="tf-auth-card" aria-labelledby="register-title">
      <h1 id="register-title">Create an account</h1>
      @if (error()) {
        <p class="tf-auth-message tf-auth-error" role="alert">{{ error() }}</p>
      }
      <form [formGroup]="form" (ngSubmit)="submit()">
        <mat-form-field appearance="outline">
          <mat-label>Username</mat-label>
          <input matInput formControlName="username" autocomplete="username" required [attr.maxlength]="limits.usernameMax" />
          <mat-hint>{{ limits.usernameMin }}–{{ limits.usernameMax }} letters, digits, _ . or -</mat-hint>
          @let username = form.controls.username;
          @if (username.hasError('required')) {
            <mat-error>Choose a username.</mat-error>
          } @else if (username.hasError('pattern') || username.hasError('minlength')) {
            <mat-error>Use {{ limits.usernameMin }}–{{ limits.usernameMax }} letters, digits, _ . or -.</mat-error>
          } @else if (username.hasError('server')) {
            <mat-error>{{ username.getError('server') }}</mat-error>
          }
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>Email</mat-label>
          <input matInput type="email" formControlName="email" autocomplete="email" required />
          @let email = form.controls.email;
          @if (email.hasError('required')) {
            <mat-error>Enter your email address.</mat-error>
          } @else if (email.hasError('email') || email.hasError('maxlength')) {
            <mat-error>Enter a valid email address.</mat-error>
          } @else if (email.hasError('server')) {
            <mat-error>{{ email.getError('server') }}</mat-error>
          }
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>Password</mat-label>
          <input matInput type="password" formControlName="password" autocomplete="new-password" required />
          <mat-hint>At least {{ limits.passwordMin }} characters</mat-hint>
          @let password = form.controls.password;
          @if (password.hasError('required')) {
            <mat-error>Choose a password.</mat-error>
          } @else if (password.hasError('minlength')) {
            <mat-error>Use at least {{ limits.passwordMin }} characters.</mat-error>
          } @else if (password.hasError('maxlength')) {
            <mat-error>Use at most {{ limits.passwordMax }} characters.</mat-error>
          } @else if (password.hasError('server')) {
            <mat-error>{{ password.getError('server') }}</mat-error>
          }
        </mat-form-field>
        <div class="tf-auth-actions">
          <a routerLink="/login">I already have an account</a>
          <button mat-flat-button type="submit" [disabled]="busy()">{{ busy() ? 'Creating…' : 'Create account' }}</button>
        </div>
      </form>
    </section>
  `,
})
export class RegisterPage {
  private readonly auth = inject(AuthStore);
  private readonly router = inject(Router);

  protected readonly limits = {
    usernameMin: USERNAME_MIN_LENGTH,
    usernameMax: USERNAME_MAX_LENGTH,
    passwordMin: PASSWORD_MIN_LENGTH,
    passwordMax: PASSWORD_MAX_LENGTH,
  };
  protected readonly busy = signal(false);
  protected readonly error = signal('');
  protected readonly form = inject(NonNullableFormBuilder).group({
    username: ['', [Validators.required, Validators.minLength(USERNAME_MIN_LENGTH), Validators.pattern(USERNAME_PATTERN)]],
    email: ['', [Validators.required, Validators.email, Validators.maxLength(EMAIL_MAX_LENGTH)]],
    password: ['', [Validators.required, Validators.minLength(PASSWORD_MIN_LENGTH), Validators.maxLength(PASSWORD_MAX_LENGTH)]],
  });

  protected submit(): void {
    if (this.form.invalid || this.busy()) {
      this.form.markAllAsTouched();
      return;
    }
    const value = this.form.getRawValue();
    this.busy.set(true);
    this.error.set('');
    this.auth.register({ username: value.username.trim(), email: value.email.trim(), password: value.password }).subscribe({
      next: (user) => void this.router.navigate(['/login'], { queryParams: { registered: 1, username: user.username } }),
      error: (error: unknown) => {
        this.busy.set(false);
        this.showServerErrors(error);
      },
    });
  }

  private showServerErrors(error: unknown): void {
    const fields = fieldErrorsOf(error);
    let placed = false;
    for (const { field, message } of fields) {
      const control = this.form.controls[field as Field];
      if (control) {
        control.setErrors({ ...(control.errors ?? {}), server: message });
        control.markAsTouched();
        placed = true;
      }
    }
    if (error instanceof HttpErrorResponse && error.status === 409 && !placed) {
      const detail = problemOf(error)?.detail ?? 'That username or email is already taken.';
      const target: Field = /email/i.test(detail) ? 'email' : 'username';
      this.form.controls[target].setErrors({ server: detail });
      this.form.controls[target].markAsTouched();
      placed = true;
    }
    if (!placed) {
      this.error.set(describeHttpError(error));
    }
  }
}
