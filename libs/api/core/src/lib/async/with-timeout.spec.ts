import { TimeoutError, withTimeout } from './with-timeout';

describe('withTimeout', () => {
  it('passes the result of work that answers in time', async () => {
    await expect(withTimeout(Promise.resolve('done'), 1_000, 'the store')).resolves.toBe('done');
  });

  it('passes the error of work that fails in time', async () => {
    await expect(withTimeout(Promise.reject(new Error('refused')), 1_000, 'the store')).rejects.toThrow('refused');
  });

  it('rejects with a TimeoutError naming the call once the time is up', async () => {
    const error = await withTimeout(new Promise(() => undefined), 20, 'the mongodb activity store').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(String(error)).toBe('TimeoutError: the mongodb activity store did not answer within 20 ms');
  });
});
