/** A call to another system did not answer in time; `name` is `TimeoutError` so logs and stored errors say so. */
export class TimeoutError extends Error {
  constructor(what: string, ms: number) {
    super(`${what} did not answer within ${ms} ms`);
    this.name = 'TimeoutError';
  }
}

/**
 * Bounds a call to another system, so a hanging store, cache or mail server costs a known, short
 * wait. The work itself is not cancelled (promises cannot be); the timer never keeps the process alive.
 */
export function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  // One promise and one timer: this wraps every Redis read of a cached request, where
  // Promise.race and finally's extra promises showed in the profile.
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new TimeoutError(what, ms)), ms);
    timer.unref();
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
