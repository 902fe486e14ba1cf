export * from './lib/auth.module';
export * from './lib/guards/jwt-auth.guard';
export * from './lib/active-sessions';
