export * from './lib/account-emails';
export * from './lib/dto/user.response';
export * from './lib/email-confirmation.tokens';
export * from './lib/password-hasher';
export * from './lib/user.entity';
export * from './lib/user.mapper';
export * from './lib/users.module';
export * from './lib/users.repository';

