import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DomainError, ErrorCode } from '@taskflow/api-core';
import { QueryFailedError, Repository, type EntityManager } from 'typeorm';
import { UserEntity } from './user.entity';

export interface NewUser {
  username: string;
  email: string;
  passwordHash: string;
}

const UNIQUE_FIELDS: Record<string, 'username' | 'email'> = {
  users_username_lower_key: 'username',
  users_email_lower_key: 'email',
};

@Injectable()
export class UsersRepository {
  constructor(@InjectRepository(UserEntity) private readonly users: Repository<UserEntity>) {}

  /** One INSERT … RETURNING; the unique indexes, not a prior SELECT, decide who gets a name. */
  async insert(user: NewUser, db: EntityManager = this.users.manager): Promise<UserEntity> {
    try {
      const result = await db.getRepository(UserEntity).createQueryBuilder().insert().values(user).returning('*').execute();
      return this.users.create(mapRaw(result.raw[0]));
    } catch (error) {
      const field = uniqueViolationField(error);
      if (field) throw new DomainError(ErrorCode.Conflict, `That ${field} is already taken.`, { field });
      throw error;
    }
  }

  findById(id: string): Promise<UserEntity | null> {
    return this.users.findOneBy({ id });
  }

  findByUsername(username: string): Promise<UserEntity | null> {
    return this.users
      .createQueryBuilder('user')
      .where('lower(user.username) = lower(:username)', { username })
      .getOne();
  }

  findByEmail(email: string): Promise<UserEntity | null> {
    return this.users
      .createQueryBuilder('user')
      .where('lower(user.email) = lower(:email)', { email: email.trim() })
      .getOne();
  }

  async updatePasswordHash(id: string, passwordHash: string, db: EntityManager = this.users.manager): Promise<boolean> {
    const result = await db.getRepository(UserEntity).update({ id }, { passwordHash });
    return (result.affected ?? 0) > 0;
  }

  async markEmailVerified(id: string): Promise<boolean> {
    const result = await this.users.update({ id }, { emailVerified: true });
    return (result.affected ?? 0) > 0;
  }
}

function mapRaw(row: Record<string, unknown>): Partial<UserEntity> {
  return {
    id: row['id'] as string,
    username: row['username'] as string,
    email: row['email'] as string,
    passwordHash: row['password_hash'] as string,
    emailVerified: row['email_verified'] as boolean,
    createdAt: row['created_at'] as Date,
  };
}

function uniqueViolationField(error: unknown): 'username' | 'email' | undefined {
  if (!(error instanceof QueryFailedError)) return undefined;
  const driverError = error.driverError as { code?: string; constraint?: string };
  return driverError.code === '23505' ? UNIQUE_FIELDS[driverError.constraint ?? ''] : undefined;
}
