// @ts-check
/**
 * The @nestjs/swagger compiler plugin, configured once for the API's build (webpack.config.js beside it)
 * and for its tests (ts-jest's astTransformers), so the OpenAPI document the tests read is the one
 * the build serves. The plugin reads the DTO files (every suffix below) and turns their types,
 * class-validator rules and doc comments into the schema, so no constraint is copied by hand.
 */
const plugin = require('@nestjs/swagger/plugin');

const options = {
  classValidatorShim: true,
  introspectComments: true,
  dtoFileNameSuffix: ['.dto.ts', '.query.ts', '.response.ts'],
};

module.exports = {
  options,
  // ts-jest's AST transformer interface: a name and version (part of its cache key) and a factory.
  name: 'nestjs-swagger-plugin',
  version: 1,
  /** @param {{ program?: import('typescript').Program }} compiler */
  factory: (compiler) => plugin.before(options, compiler.program),
};
