module.exports = {
  displayName: 'api-database',
  preset: '../../../jest.preset.js',
  testEnvironment: 'node',
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  moduleFileExtensions: ['ts', 'js', 'html'],
  coverageDirectory: '../../../coverage/libs/api/database',
  // The prepared-statement spec runs on a real database (embedded PGlite, or DATABASE_URL's server).
  globalSetup: '<rootDir>/../testing/src/lib/global-setup.ts',
  globalTeardown: '<rootDir>/../testing/src/lib/global-teardown.ts',
  testTimeout: 60000,
};
