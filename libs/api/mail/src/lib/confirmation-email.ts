import { escapeHtml } from './html-escape';
import type { OutgoingEmail } from './outgoing-email';

export const CONFIRMATION_SUBJECT = 'Confirm your TaskFlow account';

export interface ConfirmationEmailInput {
  to: string;
  username: string;
  /** The web app's `/confirm?token=…` URL. */
  link: string;
}

/** The email registration sends: the same link in a plain-text and a simple HTML body. */
export function buildConfirmationEmail({ to, username, link }: ConfirmationEmailInput): OutgoingEmail {
  const text = [
    `Hi ${username},`,
    '',
    'Confirm your email address to finish setting up your TaskFlow account:',
    '',
    link,
    '',
    'If you did not create a TaskFlow account, you can ignore this email.',
  ].join('\n');
  const html = [
    '<!doctype html>',
    '<html><body style="font-family: sans-serif; line-height: 1.5">',
    `<p>Hi ${escapeHtml(username)},</p>`,
    '<p>Confirm your email address to finish setting up your TaskFlow account:</p>',
    `<p><a href="${escapeHtml(link)}">Confirm my email address</a></p>`,
    `<p style="font-size: 0.9em; color: #555">Or paste this link into your browser: ${escapeHtml(link)}</p>`,
    '<p>If you did not create a TaskFlow account, you can ignore this email.</p>',
    '</body></html>',
  ].join('\n');
  return { kind: 'account-confirmation', to, subject: CONFIRMATION_SUBJECT, text, html };
}
