import { Injectable } from '@nestjs/common';
import { InjectConnection, InjectModel } from '@nestjs/mongoose';
import type { Connection, Model } from 'mongoose';
import type { ActivityEventRecord, TimelinePosition } from '../activity-event';
import { ActivityStore } from '../activity-store';
import { fromActivityDocument, toActivityDocument } from './activity-event.mapper';
import { ACTIVITY_EVENT_MODEL, type ActivityEventDocument } from './activity-event.schema';
import { isOnlyDuplicateKeyError } from './duplicate-key';

const CONNECTED = 1;

/** Activity events in MongoDB, `activity_events` collection, one document per event. */
@Injectable()
export class MongoActivityStore extends ActivityStore {
  readonly kind = 'mongodb' as const;

  constructor(
    @InjectModel(ACTIVITY_EVENT_MODEL) private readonly model: Model<ActivityEventDocument>,
    @InjectConnection() private readonly connection: Connection,
  ) {
    super();
  }

  async append(events: readonly ActivityEventRecord[]): Promise<void> {
    if (events.length === 0) return;
    const documents = events.map(toActivityDocument);
    // Validate the whole batch first: with ordered:false Mongoose would otherwise store the valid
    // documents and quietly skip an invalid one, and the relay would delete it from the outbox.
    await Promise.all(documents.map((document) => new this.model(document).validate()));
    try {
      // Unordered: one existing event does not stop the others from being inserted.
      await this.model.insertMany(documents, { ordered: false, throwOnValidationError: true });
    } catch (error) {
      if (!isOnlyDuplicateKeyError(error)) throw error;
    }
  }

  async listForTask(taskId: string, limit: number): Promise<ActivityEventRecord[]> {
    const documents = await this.model
      .find({ taskId })
      .sort({ at: -1, _id: -1 })
      .limit(limit)
      .lean<ActivityEventDocument[]>()
      .exec();
    return documents.map(fromActivityDocument);
  }

  async listForProject(projectId: string, limit: number, position?: TimelinePosition): Promise<ActivityEventRecord[]> {
    const after = position ? { $or: [{ at: { $lt: position.at } }, { at: position.at, _id: { $lt: position.id } }] } : {};
    const documents = await this.model
      .find({ $and: [{ $or: [{ projectId }, { fromProjectId: projectId }] }, after] })
      .sort({ at: -1, _id: -1 })
      .limit(limit)
      .lean<ActivityEventDocument[]>()
      .exec();
    return documents.map(fromActivityDocument);
  }

  async ping(): Promise<void> {
    // With bufferCommands off, an unconnected client must answer "down" at once, not queue.
    if (this.connection.readyState !== CONNECTED || !this.connection.db) throw new Error('MongoDB is not connected');
    await this.connection.db.admin().ping();
  }
}
