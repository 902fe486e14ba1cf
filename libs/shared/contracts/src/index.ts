export * from './lib/activity';
export * from './lib/auth';
export * from './lib/problem';
export * from './lib/tasks';
export * from './lib/users';
export * from './lib/accounts';
export * from './lib/projects';
export * from './lib/comments';
