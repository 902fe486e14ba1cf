module.exports = {
  displayName: 'web-projects',
  preset: '../../../jest.preset.js',
  setupFilesAfterEnv: ['<rootDir>/src/test-setup.ts'],
  coverageDirectory: '../../../coverage/libs/web/projects',
  ...require('../../../tools/jest/angular-jest.cjs'),
};
