module.exports = {
  displayName: 'web-tasks',
  preset: '../../../jest.preset.js',
  setupFilesAfterEnv: ['<rootDir>/src/test-setup.ts'],
  coverageDirectory: '../../../coverage/libs/web/tasks',
  ...require('../../../tools/jest/angular-jest.cjs'),
};
