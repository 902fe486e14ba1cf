/** End-to-end tests: the whole API in-process, over real HTTP, on the run's test database. */
module.exports = {
  displayName: 'api-e2e',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/src/**/*.e2e-spec.ts'],
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  moduleFileExtensions: ['ts', 'js'],
  globalSetup: '<rootDir>/../../libs/api/testing/src/lib/global-setup.ts',
  globalTeardown: '<rootDir>/../../libs/api/testing/src/lib/global-teardown.ts',
  testTimeout: 30000,
};
