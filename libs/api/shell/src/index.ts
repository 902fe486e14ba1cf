export * from './lib/shell.module';
