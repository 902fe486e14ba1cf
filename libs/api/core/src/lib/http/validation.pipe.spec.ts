import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { ValidationProblem } from '../errors/validation-problem';
import { createValidationPipe } from './validation.pipe';

class PageQuery {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @IsOptional()
  @IsString()
  tag?: string;
}

const asQuery = { type: 'query', metatype: PageQuery } as const;
const asBody = { type: 'body', metatype: PageQuery } as const;

describe('the validation pipe', () => {
  it('gives a remembered query string its own instance of the DTO each time, transformed as the first time', async () => {
    const pipe = createValidationPipe();
    const first = (await pipe.transform({ limit: '20' }, asQuery)) as PageQuery;
    first.limit = 99;
    const second = (await pipe.transform(
      { limit: '20' },
      asQuery,
    )) as PageQuery;

    expect(second).toBeInstanceOf(PageQuery);
    expect(second).toEqual({ limit: 20 });
    expect(second).not.toBe(first);
  });

  it('refuses an invalid query every time, a remembered valid one notwithstanding', async () => {
    const pipe = createValidationPipe();
    await pipe.transform({ limit: '20' }, asQuery);
    for (const query of [
      { limit: '0' },
      { limit: '0' },
      { limit: '20', extra: 'x' },
      { limit: '20', extra: 'x' },
    ]) {
      await expect(pipe.transform(query, asQuery)).rejects.toBeInstanceOf(
        ValidationProblem,
      );
    }
  });

  it('keys on the whole query: another value of the same parameter is validated on its own', async () => {
    const pipe = createValidationPipe();
    expect(await pipe.transform({ limit: '5' }, asQuery)).toEqual({ limit: 5 });
    await expect(
      pipe.transform({ limit: '500' }, asQuery),
    ).rejects.toBeInstanceOf(ValidationProblem);
    expect(await pipe.transform({ limit: '5', tag: 'a' }, asQuery)).toEqual({
      limit: 5,
      tag: 'a',
    });
  });

  it('validates bodies every time', async () => {
    const pipe = createValidationPipe();
    await expect(pipe.transform({ limit: 3 }, asBody)).resolves.toEqual({
      limit: 3,
    });
    await expect(
      pipe.transform({ limit: 3, extra: 1 }, asBody),
    ).rejects.toBeInstanceOf(ValidationProblem);
  });
});
