import { DomainError, ErrorCode } from '../errors/domain-error';

const ENTITY_TAG = /^(?:W\/)?"(\d{1,9})"$/;

/**
 * The versions an `If-Match` header accepts: undefined when absent or `*` (any current version
 * will do). Weak and strong forms are both taken (`W/"3"`, `"3"`), as a list too. A value that is
 * not an entity tag at all is a malformed request: 400, not 412.
 */
export function parseIfMatch(header: string | string[] | undefined): number[] | undefined {
  if (header === undefined) return undefined;
  const value = (Array.isArray(header) ? header.join(',') : header).trim();
  if (value === '*') return undefined;
  const versions = value.split(',').map((tag) => ENTITY_TAG.exec(tag.trim())?.[1]);
  if (value === '' || versions.some((version) => version === undefined)) {
    throw new DomainError(ErrorCode.InvalidInput, 'If-Match must be an entity tag such as W/"3", as sent in ETag.', { field: 'If-Match' });
  }
  return versions.map(Number);
}

export const etag = (version: number) => `W/"${version}"`;
