module.exports = {
  displayName: 'api-testing-db',
  preset: '../../../jest.preset.js',
  testEnvironment: 'node',
  // ts-jest with the build's Swagger plugin (tools/jest/api-ts-jest.cjs).
  transform: require('../../../tools/jest/api-ts-jest.cjs')('<rootDir>/tsconfig.spec.json'),
  moduleFileExtensions: ['ts', 'js'],
  coverageDirectory: '../../../coverage/libs/api/testing-db',
  // Its own specs run under the global setup it gives every other API project.
  globalSetup: '<rootDir>/src/lib/global-setup.ts',
  globalTeardown: '<rootDir>/src/lib/global-teardown.ts',
  testTimeout: 60000,
};
