import { EventEmitter } from 'node:events';
import type { Connection, Model } from 'mongoose';
import type { ActivityEventDocument } from './activity-event.schema';
import { MongoConnectionSupervisor, mongoConnectionOptions, reconnectDelayMs } from './mongo-connection';

/** A Mongoose connection stubbed at its edge: events, readyState, asPromise and openUri. */
class FakeConnection extends EventEmitter {
  readyState = 2;
  asPromise = jest.fn(() => Promise.reject(new Error('MongooseServerSelectionError: connect ECONNREFUSED')));
  openUri = jest.fn();
}

describe('MongoDB connection settings', () => {
  it('never buffers commands and gives up on server selection within seconds', () => {
    const options = mongoConnectionOptions();
    expect(options.bufferCommands).toBe(false);
    expect(options.serverSelectionTimeoutMS).toBeLessThanOrEqual(5_000);
  });

  it('backs off reconnection 1 s, 2 s, 4 s … up to 30 s', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 20].map(reconnectDelayMs)).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000]);
  });
});

describe('MongoConnectionSupervisor', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  function supervise() {
    const connection = new FakeConnection();
    const model = { createIndexes: jest.fn().mockResolvedValue(undefined) };
    const supervisor = new MongoConnectionSupervisor(
      connection as unknown as Connection,
      model as unknown as Model<ActivityEventDocument>,
      { uri: 'mongodb://127.0.0.1:1/taskflow' },
    );
    return { connection, model, supervisor };
  }

  it('keeps retrying a failed first connection with backoff until it connects, then creates the indexes', async () => {
    const { connection, model, supervisor } = supervise();
    connection.openUri
      .mockRejectedValueOnce(new Error('still down'))
      .mockImplementationOnce(async () => {
        connection.readyState = 1;
        connection.emit('connected');
        return connection;
      });
    supervisor.onModuleInit();
    await jest.advanceTimersByTimeAsync(999);
    expect(connection.openUri).not.toHaveBeenCalled();
    await jest.advanceTimersByTimeAsync(1);
    expect(connection.openUri).toHaveBeenCalledTimes(1);
    expect(connection.openUri).toHaveBeenCalledWith('mongodb://127.0.0.1:1/taskflow', expect.objectContaining({ bufferCommands: false }));
    await jest.advanceTimersByTimeAsync(1_999);
    expect(connection.openUri).toHaveBeenCalledTimes(1);
    await jest.advanceTimersByTimeAsync(1);
    expect(connection.openUri).toHaveBeenCalledTimes(2);
    expect(model.createIndexes).toHaveBeenCalledTimes(1);
    await jest.advanceTimersByTimeAsync(120_000);
    expect(connection.openUri).toHaveBeenCalledTimes(2);
  });

  it('stops retrying when the app shuts down', async () => {
    const { connection, supervisor } = supervise();
    connection.openUri.mockRejectedValue(new Error('down'));
    supervisor.onModuleInit();
    await jest.advanceTimersByTimeAsync(1_000);
    expect(connection.openUri).toHaveBeenCalledTimes(1);
    supervisor.onModuleDestroy();
    await jest.advanceTimersByTimeAsync(120_000);
    expect(connection.openUri).toHaveBeenCalledTimes(1);
  });

  it('recreates the indexes whenever the driver reconnects by itself', async () => {
    const { connection, model, supervisor } = supervise();
    connection.readyState = 1;
    connection.asPromise.mockResolvedValue(undefined as never);
    supervisor.onModuleInit();
    expect(model.createIndexes).toHaveBeenCalledTimes(1);
    connection.emit('disconnected');
    connection.emit('connected');
    expect(model.createIndexes).toHaveBeenCalledTimes(2);
    expect(connection.openUri).not.toHaveBeenCalled();
  });
});
