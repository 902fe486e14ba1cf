module.exports = {
  displayName: 'web-auth',
  preset: '../../../jest.preset.js',
  setupFilesAfterEnv: ['<rootDir>/src/test-setup.ts'],
  coverageDirectory: '../../../coverage/libs/web/auth',
  ...require('../../../tools/jest/angular-jest.cjs'),
};
