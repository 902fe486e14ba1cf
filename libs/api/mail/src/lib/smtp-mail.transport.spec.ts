import { connectionOptions } from './smtp-mail.transport';

describe('connectionOptions', () => {
  it('reads host, port and credentials from an smtp:// URL', () => {
    expect(connectionOptions(new URL('smtp://mailer:p%40ss@mail.example.com:2525'))).toEqual({
      host: 'mail.example.com',
      port: 2525,
      secure: false,
      auth: { user: 'mailer', pass: 'p@ss' },
    });
  });

  it('uses TLS from the start and port 465 for smtps://', () => {
    expect(connectionOptions(new URL('smtps://mail.example.com'))).toEqual({ host: 'mail.example.com', port: 465, secure: true, auth: undefined });
  });

  it('defaults to the submission port without credentials', () => {
    expect(connectionOptions(new URL('smtp://[::1]'))).toEqual({ host: '::1', port: 587, secure: false, auth: undefined });
  });
});
