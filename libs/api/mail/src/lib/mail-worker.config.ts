import { registerAs, type ConfigType } from '@nestjs/config';
import { ConfigValidationError } from '@taskflow/api-config';
import { plainToInstance, Transform } from 'class-transformer';
import { IsInt, Max, Min, validateSync } from 'class-validator';

const toInt = ({ value }: { value: unknown }) =>
  typeof value === 'string' && value.trim() !== '' ? Number(value) : value;

/** The worker's tunables. Only these two are worth changing per deployment (and tests shorten them). */
class MailWorkerEnvironment {
  /** Tries per email, the first included; then the email is marked failed and logged. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(50)
  MAIL_MAX_ATTEMPTS = 8;

  /** The wait after the first failure; it doubles with each failure (30 s, 1 min, 2 min, … up to 1 h). */
  @Transform(toInt)
  @IsInt()
  @Min(10)
  @Max(60 * 60 * 1000)
  MAIL_RETRY_BASE_MS = 30_000;
}

export const mailWorkerConfig = registerAs('mailWorker', () => {
  const env = plainToInstance(MailWorkerEnvironment, process.env, { exposeDefaultValues: true, excludeExtraneousValues: false });
  const [first] = validateSync(env);
  if (first) {
    const message = Object.values(first.constraints ?? {})[0] ?? 'is invalid';
    throw new ConfigValidationError(`Invalid configuration: ${message}`);
  }
  return {
    maxAttempts: env.MAIL_MAX_ATTEMPTS,
    /** Backoff between attempts of one email (jittered, see `backoffMs`). */
    retry: { firstMs: env.MAIL_RETRY_BASE_MS, maxMs: 60 * 60 * 1000 },
    /** Emails claimed per round; they are sent concurrently, so a round lasts about one send. */
    batchSize: 10,
    /**
     * A claimed email is not due again for this long. It must outlast a send (bounded by the SMTP
     * timeouts) by far, or a second worker could send it again; it only matters when a process
     * dies mid-send, and then the email goes out after this delay.
     */
    leaseMs: 5 * 60 * 1000,
    /** How often an idle worker looks for email queued by other API processes when no NOTIFY can arrive. */
    pollIntervalMs: 5_000,
    /** How often it looks while NOTIFY does arrive (every insert announces itself): a safety net only. */
    listeningPollMs: 60_000,
  };
});

export type MailWorkerConfig = ConfigType<typeof mailWorkerConfig>;
