export * from './lib/relative-time';
export * from './lib/confirm-dialog';
export * from './lib/empty-state';
export * from './lib/http-errors';
export * from './lib/top-bar';
export * from './lib/shortcuts-help';
export * from './lib/initials-avatar';
export * from './lib/connection-indicator';
