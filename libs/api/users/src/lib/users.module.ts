import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MailModule } from '@taskflow/api-mail';
import { AccountEmails } from './account-emails';
import { EmailConfirmationTokens } from './email-confirmation.tokens';
import { PasswordHasher } from './password-hasher';
import { UserEntity } from './user.entity';
import { UsersController } from './users.controller';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

@Module({
  imports: [TypeOrmModule.forFeature([UserEntity]), MailModule],
  controllers: [UsersController],
  providers: [UsersRepository, UsersService, PasswordHasher, EmailConfirmationTokens, AccountEmails],
  exports: [UsersRepository, PasswordHasher, AccountEmails],
})
export class UsersModule {}
