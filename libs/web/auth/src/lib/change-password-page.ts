import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { RouterLink } from '@angular/router';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@taskflow/shared-contracts';
import { describeHttpError, fieldErrorsOf } from '@taskflow/web-ui';
import { AuthStore } from './auth-store';

type Field = 'currentPassword' | 'newPassword';

@Component({
  selector: 'tf-change-password-page',
  imports: [ReactiveFormsModule, RouterLink, MatFormFieldModule, MatInputModule, MatButtonModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './auth-page.scss',
  template: `
    <section class="tf-auth-card" aria-labelledby="change-title">
      <h1 id="change-title">Change your password</h1>
      @if (done()) {
        <p class="tf-auth-message" role="status">Your password is changed. Every other device that was signed in is signed out.</p>
        <a mat-flat-button routerLink="/tasks">Back to my tasks</a>
      } @else {
        @if (error()) {
          <p class="tf-auth-message tf-auth-error" role="alert">{{ error() }}</p>
        }
        <form [formGroup]="form" (ngSubmit)="submit()">
          <mat-form-field appearance="outline">
            <mat-label>Current password</mat-label>
            <input matInput type="password" formControlName="currentPassword" autocomplete="current-password" required />
            @if (form.controls.currentPassword.hasError('required')) {
              <mat-error>Enter your current password.</mat-error>
            } @else if (form.controls.currentPassword.hasError('server')) {
              <mat-error>{{ form.controls.currentPassword.getError('server') }}</mat-error>
            }
          </mat-form-field>
          <mat-form-field appearance="outline">
            <mat-label>New password</mat-label>
            <input matInput type="password" formControlName="newPassword" autocomplete="new-password" required />
            <mat-hint>At least {{ min }} characters</mat-hint>
            @if (form.controls.newPassword.hasError('required')) {
              <mat-error>Choose a new password.</mat-error>
            } @else if (form.controls.newPassword.hasError('server')) {
              <mat-error>{{ form.controls.newPassword.getError('server') }}</mat-error>
            } @else if (form.controls.newPassword.invalid) {
              <mat-error>Use {{ min }}–{{ max }} characters.</mat-error>
            }
          </mat-form-field>
          <div class="tf-auth-actions">
            <a routerLink="/tasks">Cancel</a>
            <button mat-flat-button type="submit" [disabled]="busy()">{{ busy() ? 'Saving…' : 'Change password' }}</button>
          </div>
        </form>
      }
    </section>
  `,
})
export class ChangePasswordPage {
  private readonly auth = inject(AuthStore);
  protected readonly min = PASSWORD_MIN_LENGTH;
  protected readonly max = PASSWORD_MAX_LENGTH;
  protected readonly busy = signal(false);
  protected readonly done = signal(false);
  protected readonly error = signal('');
  protected readonly form = inject(NonNullableFormBuilder).group({
    currentPassword: ['', Validators.required],
    newPassword: ['', [Validators.required, Validators.minLength(PASSWORD_MIN_LENGTH), Validators.maxLength(PASSWORD_MAX_LENGTH)]],
  });

  protected submit(): void {
    if (this.form.invalid || this.busy()) {
      this.form.markAllAsTouched();
      return;
    }
    const { currentPassword, newPassword } = this.form.getRawValue();
    this.busy.set(true);
    this.error.set('');
    this.auth.changePassword(currentPassword, newPassword).subscribe({
      next: () => this.done.set(true),
      error: (error: unknown) => {
        this.busy.set(false);
        let placed = false;
        for (const { field, message } of fieldErrorsOf(error)) {
          const control = this.form.controls[field as Field];
          if (control) {
            control.setErrors({ server: message });
            control.markAsTouched();
            placed = true;
          }
        }
        if (!placed) {
          this.error.set(error instanceof HttpErrorResponse && error.status === 429 ? 'Too many wrong passwords. Try again later.' : describeHttpError(error));
        }
      },
    });
  }
}
