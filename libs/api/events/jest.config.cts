module.exports = {
  displayName: 'api-events',
  preset: '../../../jest.preset.js',
  testEnvironment: 'node',
  // ts-jest with the build's Swagger plugin (tools/jest/api-ts-jest.cjs).
  transform: require('../../../tools/jest/api-ts-jest.cjs')('<rootDir>/tsconfig.spec.json'),
  moduleFileExtensions: ['ts', 'js', 'html'],
  coverageDirectory: '../../../coverage/libs/api/events',
  // The dispatcher is tested on a real, migrated database (the run's own).
  globalSetup: '<rootDir>/../testing-db/src/lib/global-setup.ts',
  globalTeardown: '<rootDir>/../testing-db/src/lib/global-teardown.ts',
  testTimeout: 60000,
};
