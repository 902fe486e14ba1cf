export * from './lib/project-access';
export * from './lib/project-access.guard';
export * from './lib/project-hooks';
export * from './lib/project-roles';
export * from './lib/projects.module';
export * from './lib/uuid-param.pipe';
