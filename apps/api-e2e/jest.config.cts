/** End-to-end tests: the whole API in-process, over real HTTP, on the run's test database. */
module.exports = {
  displayName: 'api-e2e',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/src/**/*.e2e-spec.ts'],
  // ts-jest with the build's Swagger plugin (tools/jest/api-ts-jest.cjs).
  transform: require('../../tools/jest/api-ts-jest.cjs')('<rootDir>/tsconfig.spec.json'),
  moduleFileExtensions: ['ts', 'js'],
  globalSetup: '<rootDir>/../../libs/api/testing-db/src/lib/global-setup.ts',
  globalTeardown: '<rootDir>/../../libs/api/testing-db/src/lib/global-teardown.ts',
  testTimeout: 30000,
  // Jest's default on two cores is one worker. On a PostgreSQL server these suites mostly wait on
  // sockets, child processes and timers, so two run side by side in about three quarters of the
  // time (259 s against 350 s); suites that must not share the run's database take their own
  // (createPrivateTestDatabase). Embedded, every app shares one PGlite session: one worker.
  maxWorkers: process.env['DATABASE_URL'] ? 2 : 1,
};
