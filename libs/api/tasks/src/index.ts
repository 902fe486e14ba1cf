export * from './lib/dto/task.response';
export * from './lib/task.entity';
export * from './lib/tasks.module';
export * from './lib/tasks.service';
