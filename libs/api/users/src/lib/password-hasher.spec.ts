import { PasswordHasher } from './password-hasher';

describe('PasswordHasher', () => {
  const hasher = new PasswordHasher();

  it('hashes with argon2id at no less than m=19 MiB, t=2, p=1', async () => {
    const hash = await hasher.hash('correct horse battery staple');
    const [, algorithm, , params] = hash.split('$');
    expect(algorithm).toBe('argon2id');
    // PHC string parameters, in whatever order the library writes them (this one writes m,p,t).
    const { m, t, p } = Object.fromEntries((params ?? '').split(',').map((pair) => pair.split('=')).map(([k, v]) => [k, Number(v)]));
    expect(m).toBeGreaterThanOrEqual(19_456);
    expect(t).toBeGreaterThanOrEqual(2);
    expect(p).toBeGreaterThanOrEqual(1);
  });

  it('salts every hash', async () => {
    expect(await hasher.hash('same password')).not.toBe(await hasher.hash('same password'));
  });

  it('verifies the right password and refuses a wrong one', async () => {
    const hash = await hasher.hash('correct horse battery staple');
    expect(await hasher.verify(hash, 'correct horse battery staple')).toBe(true);
    expect(await hasher.verify(hash, 'correct horse battery stapl')).toBe(false);
  });

  it('answers false, not an error, for an unknown user or a broken hash', async () => {
    expect(await hasher.verify(undefined, 'decoy password that matches nothing')).toBe(false);
    expect(await hasher.verify(undefined, 'anything')).toBe(false);
    expect(await hasher.verify('not a hash', 'anything')).toBe(false);
  });
});
