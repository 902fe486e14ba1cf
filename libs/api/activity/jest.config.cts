module.exports = {
  displayName: 'api-activity',
  preset: '../../../jest.preset.js',
  testEnvironment: 'node',
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  moduleFileExtensions: ['ts', 'js', 'html'],
  coverageDirectory: '../../../coverage/libs/api/activity',
  // The Postgres adapter, the outbox and the relay are tested on a real, migrated database.
  globalSetup: '<rootDir>/../testing/src/lib/global-setup.ts',
  globalTeardown: '<rootDir>/../testing/src/lib/global-teardown.ts',
  testTimeout: 30000,
};
