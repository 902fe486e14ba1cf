module.exports = {
  displayName: 'api-activity',
  preset: '../../../jest.preset.js',
  testEnvironment: 'node',
  // ts-jest with the build's Swagger plugin (tools/jest/api-ts-jest.cjs).
  transform: require('../../../tools/jest/api-ts-jest.cjs')('<rootDir>/tsconfig.spec.json'),
  moduleFileExtensions: ['ts', 'js', 'html'],
  coverageDirectory: '../../../coverage/libs/api/activity',
  // The Postgres adapter, the outbox and the relay are tested on a real, migrated database.
  globalSetup: '<rootDir>/../testing-db/src/lib/global-setup.ts',
  globalTeardown: '<rootDir>/../testing-db/src/lib/global-teardown.ts',
  testTimeout: 30000,
};
