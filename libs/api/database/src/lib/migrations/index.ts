import { CreateUsersAndTokens1764100000000 } from './1764100000000-create-users-and-tokens';
import { CreateActivityOutbox1764100001000 } from './1764100001000-create-activity-outbox';
import { CreateTasks1764100002000 } from './1764100002000-create-tasks';
import { CreateActivityEvents1764100003500 } from './1764100003500-create-activity-events';
import { CreateEmailOutbox1764100005000 } from './1764100005000-create-email-outbox';
import { NotifySessionChanges1764100006000 } from './1764100006000-notify-session-changes';
import { CreateProjects1764200000000 } from './1764200000000-create-projects';
import { CreatePasswordResetTokens1764300000000 } from './1764300000000-create-password-reset-tokens';
import { NotifyQueuedJobs1764400010000 } from './1764400010000-notify-queued-jobs';
import { NotifyActivityBacklogStart1764400011000 } from './1764400011000-notify-activity-backlog-start';
import { CreateEventOutbox1764500000000 } from './1764500000000-create-event-outbox';
import { OneEventOutbox1764600000000 } from './1764600000000-one-event-outbox';
import { EventConsumerSeenAt1764700000000 } from './1764700000000-event-consumer-seen-at';
import { CheaperOutboxWakeUp1764700001000 } from './1764700001000-cheaper-outbox-wake-up';

/** Every migration, oldest first. The schema is one database, so its history lives in one place. */
export const migrations = [
  CreateUsersAndTokens1764100000000,
  CreateActivityOutbox1764100001000,
  CreateTasks1764100002000,
  CreateActivityEvents1764100003500,
  CreateEmailOutbox1764100005000,
  NotifySessionChanges1764100006000,
  CreateProjects1764200000000,
  CreatePasswordResetTokens1764300000000,
  NotifyQueuedJobs1764400010000,
  NotifyActivityBacklogStart1764400011000,
  CreateEventOutbox1764500000000,
  OneEventOutbox1764600000000,
  EventConsumerSeenAt1764700000000,
  CheaperOutboxWakeUp1764700001000,
];
