import { Error as MongooseError, model as createModel, type Model } from 'mongoose';
import { anEvent } from '../../testing/activity-events';
import { fromActivityDocument, toActivityDocument } from './activity-event.mapper';
import { ACTIVITY_EVENTS_COLLECTION, activityEventSchema, type ActivityEventDocument } from './activity-event.schema';

// A model on Mongoose's default, never-opened connection: enough to validate and map documents.
const ActivityEvent: Model<ActivityEventDocument> = createModel<ActivityEventDocument>('ActivityEventSchemaSpec', activityEventSchema);

describe('activity event schema', () => {
  // validate(), not validateSync(): the latter is deprecated in Mongoose 9. Neither needs a server.
  const validationErrors = (raw: Record<string, unknown>) =>
    new ActivityEvent(raw).validate().then(
      () => ({}) as Record<string, { kind: string }>,
      (error: MongooseError.ValidationError) => error.errors as Record<string, { kind: string }>,
    );

  it('accepts a mapped event as it is', async () => {
    await expect(new ActivityEvent(toActivityDocument(anEvent())).validate()).resolves.toBeUndefined();
  });

  it.each(['taskId', 'projectId', 'actorId', 'actorUsername', 'type', 'changes', 'at'] as const)('rejects a document without %s', async (field) => {
    const raw: Record<string, unknown> = { ...toActivityDocument(anEvent()) };
    delete raw[field];
    expect((await validationErrors(raw))[field]?.kind).toBe('required');
  });

  it('rejects an unknown event type and ids that are not UUIDs', async () => {
    const errors = await validationErrors({ ...toActivityDocument(anEvent()), type: 'task.renamed', taskId: 'not-a-uuid' });
    expect(errors['type']?.kind).toBe('enum');
    expect(errors['taskId']?.kind).toBe('regexp');
  });

  it('refuses fields the schema does not know rather than dropping them silently', () => {
    expect(() => new ActivityEvent({ ...toActivityDocument(anEvent()), extra: 1 })).toThrow(/not in schema/);
  });

  it('keeps an empty change set (task.deleted) instead of minimising it away', async () => {
    const document = new ActivityEvent(toActivityDocument(anEvent({ type: 'task.deleted', changes: {} })));
    await expect(document.validate()).resolves.toBeUndefined();
    expect(document.toObject()).toHaveProperty('changes', {});
  });

  it('declares the task and user timeline indexes on the activity_events collection', () => {
    expect(activityEventSchema.get('collection')).toBe(ACTIVITY_EVENTS_COLLECTION);
    const indexes = activityEventSchema.indexes().map(([fields]) => fields);
    expect(indexes).toEqual(expect.arrayContaining([{ taskId: 1, at: -1 }, { ownerId: 1, at: -1 }]));
  });
});

describe('activity event mapping', () => {
  it('uses the event id as _id and maps back to the same event, without _id or driver types', () => {
    const event = anEvent({ changes: { tags: { from: ['a'], to: [] }, dueDate: { from: null, to: '2030-01-01' } } });
    const document = toActivityDocument(event);
    expect(document._id).toBe(event.id);
    expect(document).not.toHaveProperty('id');
    const back = fromActivityDocument(document);
    expect(back).toEqual(event);
    expect(back).not.toHaveProperty('_id');
  });

  it('maps a lean document whose `at` came back as a string and whose changes are missing', () => {
    const event = anEvent();
    const lean = { ...toActivityDocument(event), at: event.at.toISOString(), changes: undefined } as unknown as ActivityEventDocument;
    expect(fromActivityDocument(lean)).toEqual({ ...event, changes: {} });
  });
});
