module.exports = {
  displayName: 'api-comments',
  preset: '../../../jest.preset.js',
  testEnvironment: 'node',
  // ts-jest with the build's Swagger plugin (tools/jest/api-ts-jest.cjs).
  transform: require('../../../tools/jest/api-ts-jest.cjs')('<rootDir>/tsconfig.spec.json'),
  moduleFileExtensions: ['ts', 'js', 'html'],
  coverageDirectory: '../../../coverage/libs/api/comments',
  // Repository specs run on a real, migrated database (embedded, or DATABASE_URL's server).
  globalSetup: '<rootDir>/../testing-db/src/lib/global-setup.ts',
  globalTeardown: '<rootDir>/../testing-db/src/lib/global-teardown.ts',
  testTimeout: 60000,
};
