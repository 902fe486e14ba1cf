export * from './lib/job-loop';
