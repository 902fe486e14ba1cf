export * from './lib/activity.module';
export * from './lib/consumer/activity.consumer';
