const DUPLICATE_KEY = 11000;

interface WriteErrorLike {
  code?: number;
  err?: { code?: number };
}

/**
 * True when an insert failed only because some documents already exist: with `_id` = event id,
 * that means those events were delivered before, which is success for an idempotent append.
 * Any other write error (or a write-concern error alongside) is a real failure.
 */
export function isOnlyDuplicateKeyError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as { code?: number; writeErrors?: WriteErrorLike[]; writeConcernErrors?: unknown[] };
  if (e.writeConcernErrors && e.writeConcernErrors.length > 0) return false;
  if (Array.isArray(e.writeErrors) && e.writeErrors.length > 0) {
    return e.writeErrors.every((writeError) => (writeError.code ?? writeError.err?.code) === DUPLICATE_KEY);
  }
  return e.code === DUPLICATE_KEY;
}
