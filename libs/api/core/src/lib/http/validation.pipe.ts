import { ValidationPipe } from '@nestjs/common';
import { toFieldErrors, ValidationProblem } from '../errors/validation-problem';

/** The one validation pipe: unknown properties are refused, not silently dropped (no mass assignment). */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: false,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new ValidationProblem(toFieldErrors(errors)),
  });
}
