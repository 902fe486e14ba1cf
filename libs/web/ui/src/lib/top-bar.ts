import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatMenuModule } from '@angular/material/menu';
import { MatToolbarModule } from '@angular/material/toolbar';
import { RouterLink, RouterLinkActive } from '@angular/router';
import type { User } from '@taskflow/shared-contracts';
import { ConnectionIndicator, ConnectionState } from './connection-indicator';

/** The app bar: brand, navigation, the live connection's state, and who is logged in. */
@Component({
  selector: 'tf-top-bar',
  imports: [MatToolbarModule, MatButtonModule, MatMenuModule, RouterLink, RouterLinkActive, ConnectionIndicator],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mat-toolbar role="banner">
      <a class="tf-brand" [routerLink]="loggedIn() ? '/tasks' : '/login'">TaskFlow</a>
      @if (loggedIn()) {
        <nav aria-label="Main">
          <a mat-button routerLink="/tasks" routerLinkActive="tf-active" [routerLinkActiveOptions]="{ exact: true }" ariaCurrentWhenActive="page">List</a>
          <a mat-button routerLink="/tasks/board" routerLinkActive="tf-active" ariaCurrentWhenActive="page">Board</a>
        </nav>
        <span class="tf-spacer"></span>
        @if (connection(); as state) {
          <tf-connection-indicator [state]="state" />
        }
        <button mat-button type="button" [matMenuTriggerFor]="userMenu" class="tf-user" [attr.aria-label]="'Account: ' + (user()?.username ?? '')">
          {{ user()?.username ?? '…' }}
        </button>
        <mat-menu #userMenu="matMenu">
          @if (user(); as u) {
            <div class="tf-user-info" role="none">
              Signed in as <strong>{{ u.username }}</strong><br />
              {{ u.email }}
              @if (!u.emailVerified) {
                <br /><em>Email not confirmed yet</em>
              }
            </div>
          }
          <a mat-menu-item routerLink="/account/password">Change password</a>
          <button mat-menu-item type="button" (click)="logout.emit()">Log out</button>
        </mat-menu>
      } @else {
        <span class="tf-spacer"></span>
        <a mat-button routerLink="/login">Log in</a>
        <a mat-button routerLink="/register">Create account</a>
      }
    </mat-toolbar>
  `,
  styles: `
    mat-toolbar { gap: 4px; padding: 0 8px; background: var(--mat-sys-surface-container); color: var(--mat-sys-on-surface); }
    .tf-brand { font: var(--mat-sys-title-large); color: var(--mat-sys-primary); text-decoration: none; margin-right: 12px; padding: 4px; border-radius: 4px; }
    .tf-brand:focus-visible { outline: 2px solid var(--mat-sys-primary); }
    .tf-spacer { flex: 1; }
    .tf-active { background: var(--mat-sys-secondary-container); color: var(--mat-sys-on-secondary-container); }
    .tf-user { max-width: 40vw; overflow: hidden; text-overflow: ellipsis; }
    .tf-user-info { padding: 8px 16px 12px; font: var(--mat-sys-body-medium); }
    @media (max-width: 420px) { .tf-brand { margin-right: 0; font: var(--mat-sys-title-medium); } tf-connection-indicator { padding: 2px 6px; } }
  `,
})
export class TopBar {
  readonly loggedIn = input(false);
  readonly user = input<User | null>(null);
  /** The live stream's state while signed in (null: not shown). */
  readonly connection = input<ConnectionState | null>(null);
  readonly logout = output<void>();
}
