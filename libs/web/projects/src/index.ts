export * from './lib/project-errors';
export * from './lib/project-scope';
export * from './lib/projects-layout';
export * from './lib/project-members';
export * from './lib/members-dialog';
export * from './lib/project-header-actions';
