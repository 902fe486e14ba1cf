export * from './lib/project-errors';
export * from './lib/project-scope';
export * from './lib/projects-layout';
