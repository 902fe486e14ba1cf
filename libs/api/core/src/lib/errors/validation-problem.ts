import { BadRequestException, ValidationError } from '@nestjs/common';
import type { FieldError } from '@taskflow/shared-contracts';

/** A 400 that lists every failed field, thrown by the global validation pipe. */
export class ValidationProblem extends BadRequestException {
  constructor(readonly errors: FieldError[]) {
    super('The request is not valid.');
  }
}

/** Flattens class-validator's tree into `[{ field: 'tags.2', message }]`, one entry per broken rule. */
export function toFieldErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...toFieldErrors(error.children ?? [], field)];
  });
}
