import { plainToInstance, Transform } from 'class-transformer';
import {
  IsEnum,
  IsIn,
  IsInt,
  IsIP,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  MinLength,
  ValidateIf,
  validateSync,
} from 'class-validator';

export enum NodeEnvironment {
  Development = 'development',
  Production = 'production',
  Test = 'test',
}

/** The value `.env.example` ships with: a server started with it in production would sign tokens anyone can forge. */
export const PLACEHOLDER_SECRET_KEY = 'change-me-to-a-long-random-secret-of-at-least-32-bytes';

const toInt = ({ value }: { value: unknown }) =>
  typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
const blankToUndefined = ({ value }: { value: unknown }) =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

/**
 * Every environment variable the API reads, with its rules. Validated once at startup;
 * the first broken rule stops the process with a line naming the variable.
 */
export class EnvironmentVariables {
  @IsEnum(NodeEnvironment)
  NODE_ENV: NodeEnvironment = NodeEnvironment.Development;

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  /**
   * The address the API binds. `localhost` (the default) is both loopback addresses, so a
   * developer's API is not reachable from the network; the Docker image sets 0.0.0.0.
   */
  @ValidateIf((env: EnvironmentVariables) => env.HOST !== 'localhost')
  @IsIP(undefined, { message: 'HOST must be localhost or an IP address such as 127.0.0.1, ::1 or 0.0.0.0' })
  HOST = 'localhost';

  @Transform(blankToUndefined)
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL?: string;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(200)
  DATABASE_POOL_SIZE = 10;

  @IsString()
  DATA_DIR = '.data';

  @Transform(blankToUndefined)
  @IsOptional()
  @Matches(/^mongodb(\+srv)?:\/\/.+/, { message: 'MONGODB_URI must be a mongodb:// URL' })
  MONGODB_URI?: string;

  @Transform(blankToUndefined)
  @IsOptional()
  @Matches(/^rediss?:\/\/.+/, { message: 'REDIS_URL must be a redis:// URL' })
  REDIS_URL?: string;

  @IsString()
  REDIS_KEY_PREFIX = 'taskflow:';

  @Transform(blankToUndefined)
  @IsOptional()
  @IsString()
  @MinLength(1)
  SECRET_KEY?: string;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(24 * 60)
  ACCESS_TOKEN_EXPIRE_MINUTES = 30;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(365)
  REFRESH_TOKEN_EXPIRE_DAYS = 14;

  @IsString()
  CORS_ORIGINS = '';

  @IsString()
  @Matches(/^[0-9a-fA-F.:/,\s]*$/, { message: 'TRUSTED_PROXIES must be a comma-separated list of IP addresses or CIDR ranges' })
  TRUSTED_PROXIES = '';

  @Transform(toInt)
  @IsInt()
  @Min(1)
  RATE_LIMIT_LOGIN_FAILURES = 10;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  RATE_LIMIT_TOKEN_REQUESTS = 300;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  RATE_LIMIT_REGISTRATIONS = 100;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  RATE_LIMIT_WINDOW_SECONDS = 900;

  /** Confirmation emails a user may ask for an hour (`POST /api/users/me/confirmation-email`). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  RATE_LIMIT_CONFIRMATION_EMAILS = 3;

  /** Password-reset requests an hour, per email address and per client address, invalid ones included. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  RATE_LIMIT_PASSWORD_RESETS = 5;

  @Transform(blankToUndefined)
  @IsOptional()
  @Matches(/^smtps?:\/\/.+/, { message: 'SMTP_URL must be an smtp:// or smtps:// URL' })
  SMTP_URL?: string;

  @IsString()
  MAIL_FROM = 'TaskFlow <no-reply@taskflow.local>';

  @IsUrl({ require_tld: false, require_protocol: true })
  WEB_APP_URL = 'http://localhost:4200';

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';
}

export class ConfigValidationError extends Error {}

/** Used as `ConfigModule.forRoot({ validate })`: returns typed values or throws one clear line. */
export function validateEnvironment(raw: Record<string, unknown>): EnvironmentVariables {
  const env = plainToInstance(EnvironmentVariables, raw, { exposeDefaultValues: true });
  const [first] = validateSync(env, { skipMissingProperties: false, whitelist: false });
  if (first) {
    const message = Object.values(first.constraints ?? {})[0] ?? 'is invalid';
    throw new ConfigValidationError(
      `Invalid configuration: ${first.property} ${message.startsWith(first.property) ? message.slice(first.property.length + 1) : message}`,
    );
  }
  if (env.NODE_ENV === NodeEnvironment.Production) assertProductionSecret(env.SECRET_KEY);
  return env;
}

function assertProductionSecret(secret: string | undefined): void {
  if (!secret) {
    throw new ConfigValidationError('Invalid configuration: SECRET_KEY is required when NODE_ENV=production');
  }
  // Compared trimmed and by its tell-tale start, so a quoted copy with stray spaces or an edited
  // "change-me-…" variant of the example cannot pass for a real secret either.
  if (secret.trim() === PLACEHOLDER_SECRET_KEY || /^change-?me/i.test(secret.trim())) {
    throw new ConfigValidationError('Invalid configuration: SECRET_KEY is still the .env.example placeholder; generate one with `openssl rand -base64 48`');
  }
  if (Buffer.byteLength(secret, 'utf8') < 32) {
    throw new ConfigValidationError('Invalid configuration: SECRET_KEY must be at least 32 bytes when NODE_ENV=production');
  }
}
