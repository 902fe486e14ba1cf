import pino, { type Logger } from 'pino';

/** Paths that may hold credentials in anything logged; pino blanks them before a line is written. */
const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.body.password',
  'req.body.refresh_token',
  'req.body.token',
  '*.password',
  '*.access_token',
  '*.refresh_token',
];

/** Structured JSON logs on stdout; credentials never reach them. */
export function createRootLogger(level: string): Logger {
  return pino({ level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } });
}

/** A URL as it may be logged: the values of credential-bearing query parameters are blanked. */
export function redactQueryTokens(url: string): string {
  return url.replace(/([?&](?:token|refresh_token|access_token|password)=)[^&]*/gi, '$1[redacted]');
}
