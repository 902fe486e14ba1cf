/**
 * Hard limits on the shape of every request's input (JSON or form body, query string, path
 * parameters), checked in one linear pass before anything else reads it. They sit well above what
 * any route of the contract needs (the longest field is 10,000 characters, the longest list 20
 * tags, no body nests more than two levels) and well below what makes class-transformer,
 * class-validator or an error body expensive.
 */
export const INPUT_LIMITS = {
  /** Objects and arrays inside one another, the top level counting as 1. */
  maxDepth: 8,
  /** Properties of any one object. */
  maxKeysPerObject: 64,
  /** Elements of any one array. */
  maxArrayLength: 1_000,
  /** Values in the whole input (objects, arrays, strings, numbers...). */
  maxValues: 5_000,
  /** UTF-16 code units of any one string value. */
  maxStringLength: 20_000,
  /** UTF-16 code units of any one property name. */
  maxKeyLength: 128,
} as const;

/** At most this many field errors are listed in a problem body; `errorsOmitted` says how many more there were. */
export const MAX_LISTED_FIELD_ERRORS = 20;

/** One sentence for the OpenAPI document and the README. */
export const INPUT_LIMITS_DESCRIPTION =
  `Every body, query string and path is checked before anything else reads it: nesting at most ${INPUT_LIMITS.maxDepth} levels, ` +
  `at most ${INPUT_LIMITS.maxKeysPerObject} properties per object, ${INPUT_LIMITS.maxArrayLength} elements per array, ` +
  `${INPUT_LIMITS.maxValues} values in all, strings of at most ${INPUT_LIMITS.maxStringLength} characters and property names of at most ` +
  `${INPUT_LIMITS.maxKeyLength}. Text PostgreSQL cannot store (U+0000, unpaired UTF-16 surrogates) is refused anywhere, property names included, ` +
  'and so is a property named like an Object.prototype member (`__proto__`, `constructor`, `toString`...), which is never a field of this API. ' +
  `Each is a 400 naming the field (an OAuth \`invalid_request\` on /api/token). A problem lists at most ${MAX_LISTED_FIELD_ERRORS} field errors; ` +
  '`errorsOmitted` counts the rest.';
