module.exports = {
  displayName: 'web-live',
  preset: '../../../jest.preset.js',
  setupFilesAfterEnv: ['<rootDir>/src/test-setup.ts'],
  coverageDirectory: '../../../coverage/libs/web/live',
  ...require('../../../tools/jest/angular-jest.cjs'),
};
