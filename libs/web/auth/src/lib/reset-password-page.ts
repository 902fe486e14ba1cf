import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { ActivatedRoute, RouterLink } from '@angular/router';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@taskflow/shared-contracts';
import { describeHttpError, fieldErrorsOf } from '@taskflow/web-ui';
import { AuthStore } from './auth-store';

@Component({
  selector: 'tf-reset-password-page',
  imports: [ReactiveFormsModule, RouterLink, MatFormFieldModule, MatInputModule, MatButtonModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './auth-page.scss',
  template: `
    <section class="tf-auth-card" aria-labelledby="reset-title">
      <h1 id="reset-title">Choose a new password</h1>
      @if (!token) {
        <p class="tf-auth-message tf-auth-error" role="alert">This link has no reset token. Open the link from the email again.</p>
        <a routerLink="/forgot-password">Ask for a new link</a>
      } @else if (done()) {
        <p class="tf-auth-message" role="status">Your password is changed, and every device that was signed in is signed out.</p>
        <a mat-flat-button routerLink="/login">Log in</a>
      } @else {
        @if (error()) {
          <p class="tf-auth-message tf-auth-error" role="alert">{{ error() }}</p>
          @if (linkFailed()) {
            <a routerLink="/forgot-password">Ask for a new link</a>
          }
        }
        <form [formGroup]="form" (ngSubmit)="submit()">
          <mat-form-field appearance="outline">
            <mat-label>New password</mat-label>
            <input matInput type="password" formControlName="password" autocomplete="new-password" required />
            <mat-hint>At least {{ min }} characters</mat-hint>
            @if (form.controls.password.hasError('required')) {
              <mat-error>Choose a password.</mat-error>
            } @else if (form.controls.password.invalid) {
              <mat-error>Use {{ min }}–{{ max }} characters.</mat-error>
            }
          </mat-form-field>
          <div class="tf-auth-actions">
            <span></span>
            <button mat-flat-button type="submit" [disabled]="busy()">{{ busy() ? 'Saving…' : 'Set the new password' }}</button>
          </div>
        </form>
      }
    </section>
  `,
})
export class ResetPasswordPage {
  private readonly auth = inject(AuthStore);
  protected readonly token = inject(ActivatedRoute).snapshot.queryParamMap.get('token');
  protected readonly min = PASSWORD_MIN_LENGTH;
  protected readonly max = PASSWORD_MAX_LENGTH;
  protected readonly busy = signal(false);
  protected readonly done = signal(false);
  protected readonly error = signal('');
  protected readonly linkFailed = signal(false);
  protected readonly form = inject(NonNullableFormBuilder).group({
    password: ['', [Validators.required, Validators.minLength(PASSWORD_MIN_LENGTH), Validators.maxLength(PASSWORD_MAX_LENGTH)]],
  });

  protected submit(): void {
    if (!this.token || this.form.invalid || this.busy()) {
      this.form.markAllAsTouched();
      return;
    }
    this.busy.set(true);
    this.error.set('');
    this.auth.resetPassword(this.token, this.form.getRawValue().password).subscribe({
      next: () => this.done.set(true),
      error: (error: unknown) => {
        this.busy.set(false);
        this.linkFailed.set(fieldErrorsOf(error).some((e) => e.field === 'token'));
        this.error.set(describeHttpError(error));
      },
    });
  }
}
