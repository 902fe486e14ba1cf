module.exports = {
  displayName: 'web-ui',
  preset: '../../../jest.preset.js',
  setupFilesAfterEnv: ['<rootDir>/src/test-setup.ts'],
  coverageDirectory: '../../../coverage/libs/web/ui',
  ...require('../../../tools/jest/angular-jest.cjs'),
};
