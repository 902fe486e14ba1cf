import { openTestDataSource } from '@taskflow/api-testing-db';
import { describeActivityStoreContract } from '../../testing/activity-store.contract';
import { PostgresActivityStore } from './postgres-activity.store';

describeActivityStoreContract(`PostgresActivityStore (${process.env['TASKFLOW_TEST_DATABASE'] ?? 'postgresql'})`, async () => {
  const db = await openTestDataSource({ poolSize: 3 });
  return { store: new PostgresActivityStore(db), close: () => db.destroy() };
});
