export * from './lib/tasks.routes';
