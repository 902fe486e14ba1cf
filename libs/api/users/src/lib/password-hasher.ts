import { Injectable } from '@nestjs/common';
import * as argon2 from 'argon2';
import { randomBytes } from 'node:crypto';

/** OWASP's minimum for argon2id: 19 MiB, two passes, one lane. Hashing runs on libuv's thread pool. */
const OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

@Injectable()
export class PasswordHasher {
  /**
   * Verified against when the user does not exist, so both failures cost the same time. Made from
   * random bytes no one knows, and its result is ignored: no password can ever pass for "no user".
   */
  private readonly decoy = argon2.hash(randomBytes(32).toString('base64'), OPTIONS);

  hash(password: string): Promise<string> {
    return argon2.hash(password, OPTIONS);
  }

  async verify(hash: string | undefined, password: string): Promise<boolean> {
    try {
      const matches = await argon2.verify(hash ?? (await this.decoy), password);
      return hash !== undefined && matches;
    } catch {
      return false;
    }
  }
}
