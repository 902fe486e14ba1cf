module.exports = {
  displayName: 'api-auth',
  preset: '../../../jest.preset.js',
  testEnvironment: 'node',
  // ts-jest with the build's Swagger plugin (tools/jest/api-ts-jest.cjs).
  transform: require('../../../tools/jest/api-ts-jest.cjs')('<rootDir>/tsconfig.spec.json'),
  moduleFileExtensions: ['ts', 'js', 'html'],
  // Integration specs (*.repository.spec.ts) run on one migrated test database per run, as the e2e suites do.
  globalSetup: '<rootDir>/../testing-db/src/lib/global-setup.ts',
  globalTeardown: '<rootDir>/../testing-db/src/lib/global-teardown.ts',
  testTimeout: 30000,
  coverageDirectory: '../../../coverage/libs/api/auth',
};
