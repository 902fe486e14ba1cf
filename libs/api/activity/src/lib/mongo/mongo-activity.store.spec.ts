import { Error as MongooseError, model as createModel, type Connection, type Model } from 'mongoose';
import { anEvent, aTimeline } from '../../testing/activity-events';
import { toActivityDocument } from './activity-event.mapper';
import { activityEventSchema, type ActivityEventDocument } from './activity-event.schema';
import { isOnlyDuplicateKeyError } from './duplicate-key';
import { MongoActivityStore } from './mongo-activity.store';

const RealModel = createModel<ActivityEventDocument>('ActivityEventStoreSpec', activityEventSchema);

/**
 * The Mongoose model stubbed at its edge: constructing documents (validation) is real,
 * insertMany and find are jest mocks standing in for the server.
 */
function stubbedModel() {
  const chain = { sort: jest.fn(), limit: jest.fn(), lean: jest.fn(), exec: jest.fn() };
  chain.sort.mockReturnValue(chain);
  chain.limit.mockReturnValue(chain);
  chain.lean.mockReturnValue(chain);
  const model = jest.fn((document: unknown) => new RealModel(document)) as unknown as jest.Mock & {
    insertMany: jest.Mock;
    find: jest.Mock;
  };
  model.insertMany = jest.fn().mockResolvedValue([]);
  model.find = jest.fn().mockReturnValue(chain);
  return { model, chain };
}

const connectionIn = (readyState: number, ping = jest.fn().mockResolvedValue({ ok: 1 })) =>
  ({ readyState, db: readyState === 1 ? { admin: () => ({ ping }) } : undefined }) as unknown as Connection;

/** The shape of the driver's MongoBulkWriteError for an unordered insert. */
const bulkWriteError = (codes: number[]) =>
  Object.assign(new Error('E11000 duplicate key error collection: activity_events'), {
    name: 'MongoBulkWriteError',
    code: codes[0],
    writeErrors: codes.map((code, index) => ({ code, index, errmsg: `error ${code}` })),
  });

describe('MongoActivityStore with the model stubbed', () => {
  it('inserts every document unordered, with the event id as _id', async () => {
    const { model } = stubbedModel();
    const store = new MongoActivityStore(model as unknown as Model<ActivityEventDocument>, connectionIn(1));
    const events = aTimeline(3);
    await store.append(events);
    expect(model.insertMany).toHaveBeenCalledTimes(1);
    const [documents, options] = model.insertMany.mock.calls[0]!;
    expect(documents).toEqual(events.map(toActivityDocument));
    expect(options).toMatchObject({ ordered: false });
  });

  it('treats "already there" (duplicate _id) as delivered', async () => {
    const { model } = stubbedModel();
    model.insertMany.mockRejectedValue(bulkWriteError([11000, 11000]));
    const store = new MongoActivityStore(model as unknown as Model<ActivityEventDocument>, connectionIn(1));
    await expect(store.append(aTimeline(3))).resolves.toBeUndefined();
  });

  it('fails when any write error is something other than a duplicate', async () => {
    const { model } = stubbedModel();
    const mixed = bulkWriteError([11000, 121]);
    model.insertMany.mockRejectedValue(mixed);
    const store = new MongoActivityStore(model as unknown as Model<ActivityEventDocument>, connectionIn(1));
    await expect(store.append(aTimeline(2))).rejects.toBe(mixed);
  });

  it('fails, before sending anything, when one event of the batch is invalid', async () => {
    const { model } = stubbedModel();
    const store = new MongoActivityStore(model as unknown as Model<ActivityEventDocument>, connectionIn(1));
    const broken = { ...anEvent(), taskId: 'not-a-uuid' };
    await expect(store.append([anEvent(), broken])).rejects.toBeInstanceOf(MongooseError.ValidationError);
    expect(model.insertMany).not.toHaveBeenCalled();
  });

  it('fails when MongoDB is not reachable (no buffering: the error comes at once)', async () => {
    const { model } = stubbedModel();
    model.insertMany.mockRejectedValue(new Error('Cannot call `activity_events.insertMany()` before initial connection is complete if `bufferCommands = false`.'));
    const store = new MongoActivityStore(model as unknown as Model<ActivityEventDocument>, connectionIn(0));
    await expect(store.append([anEvent()])).rejects.toThrow(/bufferCommands = false/);
  });

  it('reads a task timeline newest first through the task index and maps documents to events', async () => {
    const { model, chain } = stubbedModel();
    const events = aTimeline(2).reverse();
    chain.exec.mockResolvedValue(events.map(toActivityDocument));
    const store = new MongoActivityStore(model as unknown as Model<ActivityEventDocument>, connectionIn(1));
    expect(await store.listForTask(events[0]!.taskId, 25)).toEqual(events);
    expect(model.find).toHaveBeenCalledWith({ taskId: events[0]!.taskId });
    expect(chain.sort).toHaveBeenCalledWith({ at: -1, _id: -1 });
    expect(chain.limit).toHaveBeenCalledWith(25);
  });

  it('pings the server when connected and fails at once when not', async () => {
    const ping = jest.fn().mockResolvedValue({ ok: 1 });
    const { model } = stubbedModel();
    await expect(new MongoActivityStore(model as unknown as Model<ActivityEventDocument>, connectionIn(1, ping)).ping()).resolves.toBeUndefined();
    expect(ping).toHaveBeenCalled();
    await expect(new MongoActivityStore(model as unknown as Model<ActivityEventDocument>, connectionIn(0)).ping()).rejects.toThrow(/not connected/);
  });
});

describe('isOnlyDuplicateKeyError', () => {
  it('recognises a single duplicate and a batch of duplicates', () => {
    expect(isOnlyDuplicateKeyError({ code: 11000 })).toBe(true);
    expect(isOnlyDuplicateKeyError(bulkWriteError([11000, 11000]))).toBe(true);
    expect(isOnlyDuplicateKeyError({ writeErrors: [{ err: { code: 11000 } }] })).toBe(true);
  });

  it('refuses anything else', () => {
    expect(isOnlyDuplicateKeyError(bulkWriteError([11000, 2]))).toBe(false);
    expect(isOnlyDuplicateKeyError({ code: 11000, writeErrors: [{ code: 11000 }], writeConcernErrors: [{ code: 64 }] })).toBe(false);
    expect(isOnlyDuplicateKeyError(new Error('connection refused'))).toBe(false);
    expect(isOnlyDuplicateKeyError(undefined)).toBe(false);
  });
});
