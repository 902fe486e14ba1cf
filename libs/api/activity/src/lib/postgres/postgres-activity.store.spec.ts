import { describeActivityStoreContract } from '../../testing/activity-store.contract';
import { openTestDataSource } from '../../testing/test-data-source';
import { PostgresActivityStore } from './postgres-activity.store';

describeActivityStoreContract(`PostgresActivityStore (${process.env['TASKFLOW_TEST_DATABASE'] ?? 'postgresql'})`, async () => {
  const db = await openTestDataSource();
  return { store: new PostgresActivityStore(db), close: () => db.destroy() };
});
