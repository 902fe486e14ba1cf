// @ts-check
const { join } = require('node:path');

/**
 * The ts-jest transform of every API project: its spec tsconfig, plus the Swagger plugin that the
 * build applies (apps/api/swagger-plugin.cjs), so controllers and DTOs under test carry the same
 * OpenAPI metadata as in dist/.
 * @param {string} tsconfig the project's spec tsconfig, e.g. '<rootDir>/tsconfig.spec.json'
 */
module.exports = (tsconfig) => ({
  '^.+\\.[tj]s$': ['ts-jest', { tsconfig, astTransformers: { before: [join(__dirname, '../../apps/api/swagger-plugin.cjs')] } }],
});
