import type { PipeTransform } from '@nestjs/common';
import { DomainError, ErrorCode } from '@taskflow/api-core';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A malformed id is the client's mistake (400 naming the parameter), never a driver error (500). */
export class UuidParamPipe implements PipeTransform<string, string> {
  constructor(private readonly field = 'id') {}

  transform(value: string): string {
    if (!UUID.test(value)) throw new DomainError(ErrorCode.InvalidInput, `${this.field} must be a UUID`, { field: this.field });
    return value.toLowerCase();
  }
}
