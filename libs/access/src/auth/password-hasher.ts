import { Injectable } from '@nestjs/common';
import argon2 from 'argon2';

@Injectable()
export class PasswordHasher {
  /** Verified against when the username is unknown, so timing does not reveal which names exist. */
  private readonly decoy = argon2.hash('lintas-decoy-password');

  hash(password: string): Promise<string> {
    return argon2.hash(password, { type: argon2.argon2id });
  }

  async verify(hash: string | undefined, password: string): Promise<boolean> {
    const matches = await argon2.verify(hash ?? (await this.decoy), password);
    return hash !== undefined && matches;
  }
}
