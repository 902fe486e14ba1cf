export * from './lib/fake-events-server';
export * from './lib/fake-live';
