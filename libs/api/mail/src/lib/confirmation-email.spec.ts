import { buildConfirmationEmail, CONFIRMATION_SUBJECT } from './confirmation-email';

const link = 'https://app.example.com/confirm?token=abc.123.x-y_z&next=%2F';

describe('buildConfirmationEmail', () => {
  const email = buildConfirmationEmail({ to: 'ada@example.com', username: 'ada', link });

  it('is addressed to the new user with the confirmation subject', () => {
    expect(email).toMatchObject({ kind: 'account-confirmation', to: 'ada@example.com', subject: 'Confirm your TaskFlow account' });
    expect(CONFIRMATION_SUBJECT).toBe('Confirm your TaskFlow account');
  });

  it('puts the link verbatim in the text body, on a line of its own', () => {
    expect(email.text.split('\n')).toContain(link);
    expect(email.text).toContain('Hi ada,');
  });

  it('links the same URL from the HTML body, with the ampersand escaped as HTML requires', () => {
    const escaped = link.replace('&', '&amp;');
    expect(email.html).toContain(`<a href="${escaped}">`);
    expect(email.html).not.toContain(link);
  });

  it('escapes markup in the username', () => {
    const hostile = buildConfirmationEmail({ to: 'x@example.com', username: '<script>"x"</script>', link });
    expect(hostile.html).toContain('Hi &lt;script&gt;&quot;x&quot;&lt;/script&gt;,');
    expect(hostile.html).not.toContain('<script>');
  });
});
