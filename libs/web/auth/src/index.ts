export * from './lib/auth-store';
export * from './lib/token-storage';
export * from './lib/auth.interceptor';
export * from './lib/auth.guards';
export * from './lib/auth.routes';
