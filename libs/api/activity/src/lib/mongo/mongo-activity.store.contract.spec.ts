import { createConnection } from 'mongoose';
import { describeActivityStoreContract } from '../../testing/activity-store.contract';
import { ACTIVITY_EVENT_MODEL, activityEventSchema, type ActivityEventDocument } from './activity-event.schema';
import { MongoActivityStore } from './mongo-activity.store';
import { mongoConnectionOptions } from './mongo-connection';

const uri = process.env['MONGODB_URI']?.trim();

// Chosen when the file loads: with no server to talk to, the suite is reported as skipped, never as
// passed, and says why on stderr directly (jest drops console output of a file whose tests all skip).
if (!uri) {
  process.stderr.write(
    'MongoActivityStore contract suite SKIPPED: MONGODB_URI is not set (no MongoDB server on this machine). ' +
      'Set MONGODB_URI=mongodb://host:27017/taskflow_test to run it against a real server.\n',
  );
}

describeActivityStoreContract(
  'MongoActivityStore (MongoDB server)',
  async () => {
    const connection = await createConnection(uri as string, mongoConnectionOptions()).asPromise();
    const model = connection.model<ActivityEventDocument>(ACTIVITY_EVENT_MODEL, activityEventSchema);
    await model.createIndexes();
    return { store: new MongoActivityStore(model, connection), close: () => connection.close() };
  },
  uri ? describe : describe.skip,
);
