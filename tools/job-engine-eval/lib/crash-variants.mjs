// The engine settings the crash scenario runs with, shared by its orchestrator and its workers.
export const CRASH_TASK = 'jobeval_crash';
/** One ordered queue: graphile-worker's `queueName`, a pg-boss queue of policy `singleton`. */
export const ORDERED_QUEUE = 'jobeval_ordered';
export const FREE_QUEUE = 'jobeval_free';

export const crashVariants = {
  // graphile-worker 0.17 has no setting for how long a lock holds: its SQL fixes 4 hours.
  'graphile-worker': { engine: 'graphile-worker', package: 'graphile-worker', settings: 'defaults (lock expiry 4 h, fixed in its SQL; sweep every 8–10 min)' },
  // Not a setting to ship: the 4 hours are simulated by moving the dead worker's locks back after
  // the kill, with the sweep shortened, to see what recovery does to order and duplicates.
  'graphile-worker+aged-lock': {
    engine: 'graphile-worker',
    package: 'graphile-worker',
    settings: 'sweep every 5–10 s (min/maxResetLockedInterval); locks aged 4 h by SQL after the kill',
    workerOptions: { minResetLockedInterval: 5000, maxResetLockedInterval: 10_000 },
    ageLocksSql: [
      `UPDATE graphile_worker._private_jobs SET locked_at = locked_at - interval '4 hours 1 minute' WHERE locked_at IS NOT NULL`,
      `UPDATE graphile_worker._private_job_queues SET locked_at = locked_at - interval '4 hours 1 minute' WHERE locked_at IS NOT NULL`,
    ],
  },
  'pg-boss': { engine: 'pg-boss', package: 'pg-boss', settings: 'defaults (expireIn 15 min, maintenance every 120 s)', bossOptions: {} },
  'pg-boss+expire60': {
    engine: 'pg-boss',
    package: 'pg-boss',
    settings: 'expireInSeconds 60 (our lease), maintenanceIntervalSeconds 10',
    expireInSeconds: 60,
    bossOptions: { maintenanceIntervalSeconds: 10 },
  },
};
