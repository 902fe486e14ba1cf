import { buildPasswordResetEmail, PASSWORD_RESET_SUBJECT } from './password-reset-email';

const link = 'https://app.example.com/reset-password?token=Ab-9_x&next=%2F';

describe('buildPasswordResetEmail', () => {
  const email = buildPasswordResetEmail({ to: 'ada@example.com', username: 'ada', link, validMinutes: 30 });

  it('is addressed to the user with the reset subject and kind', () => {
    expect(email).toMatchObject({ kind: 'password-reset', to: 'ada@example.com', subject: PASSWORD_RESET_SUBJECT });
  });

  it('puts the link verbatim on a line of its own and says how long it works', () => {
    expect(email.text.split('\n')).toContain(link);
    expect(email.text).toContain('30 minutes');
  });

  it('escapes the link and the username in the HTML body', () => {
    expect(email.html).toContain(`<a href="${link.replace('&', '&amp;')}">`);
    const hostile = buildPasswordResetEmail({ to: 'x@example.com', username: '<b>x</b>', link, validMinutes: 30 });
    expect(hostile.html).not.toContain('<b>');
  });
});
