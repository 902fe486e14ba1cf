import { ValidationPipe, type ArgumentMetadata } from '@nestjs/common';
import { toFieldErrors, ValidationProblem } from '../errors/validation-problem';

/** Distinct valid query strings remembered per DTO class; past it, the one remembered first is dropped. */
const MAX_REMEMBERED_QUERIES = 500;
/** Longer query strings (a cursor page, a long project list) are validated every time rather than remembered. */
const MAX_REMEMBERED_QUERY_LENGTH = 1_024;

/**
 * The one validation pipe: unknown properties are refused, not silently dropped (no mass assignment).
 *
 * A query string that passed is remembered, per DTO class, with the instance it became: the same
 * text (a client polling `?limit=20`) gets a copy of that instance without class-transformer and
 * class-validator running again, which was an eighth of a cached list's CPU. The rules are pure
 * functions of the text, so the answer is the one they would give; a query that fails is never
 * remembered and is refused the same way each time. Bodies are validated every time.
 */
export class MemoizingValidationPipe extends ValidationPipe {
  private readonly validQueries = new Map<unknown, Map<string, object>>();

  override async transform(
    value: unknown,
    metadata: ArgumentMetadata,
  ): Promise<unknown> {
    if (
      metadata.type !== 'query' ||
      !metadata.metatype ||
      !this.toValidate(metadata)
    )
      return super.transform(value, metadata);
    const key = JSON.stringify(value ?? null);
    if (key.length > MAX_REMEMBERED_QUERY_LENGTH)
      return super.transform(value, metadata);
    let remembered = this.validQueries.get(metadata.metatype);
    if (!remembered)
      this.validQueries.set(metadata.metatype, (remembered = new Map()));
    const known = remembered.get(key);
    if (known) return copyOf(known);
    const dto: unknown = await super.transform(value, metadata);
    if (typeof dto !== 'object' || dto === null) return dto;
    if (remembered.size >= MAX_REMEMBERED_QUERIES)
      remembered.delete(remembered.keys().next().value as string);
    remembered.set(key, deepFreeze(dto));
    return copyOf(dto);
  }
}

export function createValidationPipe(): ValidationPipe {
  return new MemoizingValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: false,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new ValidationProblem(toFieldErrors(errors)),
  });
}

/** Each request gets its own instance of the DTO class; nested values stay frozen, shared by all. */
const copyOf = (dto: object): object =>
  Object.assign(
    Object.create(Object.getPrototypeOf(dto) as object | null) as object,
    dto,
  );

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const nested of Object.values(value)) deepFreeze(nested);
  }
  return value;
}
