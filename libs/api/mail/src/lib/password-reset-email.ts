import { escapeHtml } from './html-escape';
import type { OutgoingEmail } from './outgoing-email';

export const PASSWORD_RESET_SUBJECT = 'Reset your TaskFlow password';

export interface PasswordResetEmailInput {
  to: string;
  username: string;
  /** The web app's `/reset-password?token=…` URL. */
  link: string;
  validMinutes: number;
}

/** The email a password-reset request sends: the link in a plain-text and a simple HTML body. */
export function buildPasswordResetEmail({ to, username, link, validMinutes }: PasswordResetEmailInput): OutgoingEmail {
  const text = [
    `Hi ${username},`,
    '',
    `Someone asked to reset the password of your TaskFlow account. This link sets a new one; it works once, for ${validMinutes} minutes:`,
    '',
    link,
    '',
    'If it was not you, ignore this email: your password stays as it is.',
  ].join('\n');
  const html = [
    '<!doctype html>',
    '<html><body style="font-family: sans-serif; line-height: 1.5">',
    `<p>Hi ${escapeHtml(username)},</p>`,
    `<p>Someone asked to reset the password of your TaskFlow account. This link sets a new one; it works once, for ${validMinutes} minutes:</p>`,
    `<p><a href="${escapeHtml(link)}">Choose a new password</a></p>`,
    `<p style="font-size: 0.9em; color: #555">Or paste this link into your browser: ${escapeHtml(link)}</p>`,
    '<p>If it was not you, ignore this email: your password stays as it is.</p>',
    '</body></html>',
  ].join('\n');
  return { kind: 'password-reset', to, subject: PASSWORD_RESET_SUBJECT, text, html };
}
