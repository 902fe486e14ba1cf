import { createPrivateTestDatabase, type TestDatabase } from '@taskflow/api-testing';

/**
 * A database of this file's own: every API instance runs a mail worker, and workers take any due
 * email from the outbox, so an app of a suite running beside this one could deliver these tests'
 * email to its own log. See createPrivateTestDatabase for the embedded case.
 */
export const createMailTestDatabase = (): Promise<TestDatabase> => createPrivateTestDatabase();
