import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { authConfig, type AuthConfig } from '@taskflow/api-config';
import { MailModule } from '@taskflow/api-mail';
import { UsersModule } from '@taskflow/api-users';
import { ActiveSessions } from './active-sessions';
import { CredentialsService } from './credentials.service';
import { JwtAuthGuard } from './guards/jwt-auth.guard';
import { PasswordGrantGuard } from './guards/password-grant.guard';
import { TokenRateLimitGuard } from './guards/token-rate-limit.guard';
import { PasswordResetRateLimitGuard } from './password-resets/password-reset-rate-limit.guard';
import { PasswordResetTokensRepository } from './password-resets/password-reset-tokens.repository';
import { PasswordResetsController } from './password-resets/password-resets.controller';
import { PasswordResetsService } from './password-resets/password-resets.service';
import { PasswordChangeController } from './passwords/password-change.controller';
import { PasswordChangeService } from './passwords/password-change.service';
import { SessionsRepository } from './sessions.repository';
import { SIGNING_KEY, signingKey } from './signing-key';
import { JwtStrategy } from './strategies/jwt.strategy';
import { LocalStrategy } from './strategies/local.strategy';
import { TokenController } from './token.controller';
import { TokensService } from './tokens.service';
import { VerifiedTokens } from './verified-tokens';

@Module({
  imports: [
    UsersModule,
    MailModule,
    PassportModule,
    JwtModule.registerAsync({
      inject: [authConfig.KEY],
      useFactory: (config: AuthConfig) => {
        const key = signingKey(config.secretKey);
        return {
          privateKey: key,
          publicKey: key as unknown as Buffer,
          signOptions: { algorithm: 'HS256', expiresIn: config.accessTokenTtlSeconds },
          verifyOptions: { algorithms: ['HS256'] },
        };
      },
    }),
  ],
  controllers: [TokenController, PasswordChangeController, PasswordResetsController],
  providers: [
    { provide: SIGNING_KEY, inject: [authConfig.KEY], useFactory: (c: AuthConfig) => signingKey(c.secretKey) },
    CredentialsService,
    SessionsRepository,
    ActiveSessions,
    VerifiedTokens,
    TokensService,
    JwtStrategy,
    LocalStrategy,
    PasswordGrantGuard,
    TokenRateLimitGuard,
    PasswordChangeService,
    PasswordResetsService,
    PasswordResetTokensRepository,
    PasswordResetRateLimitGuard,
    { provide: APP_GUARD, useClass: JwtAuthGuard },
  ],
  // For live streams, which must end when their session does.
  exports: [ActiveSessions],
})
export class AuthModule {}
