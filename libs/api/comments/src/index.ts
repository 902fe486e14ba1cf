export * from './lib/comments.module';
