import { startTestAppOnOwnDatabase, type TestApp } from '@taskflow/api-testing';
import { liveScenarios } from './live-scenarios';

const SECRET_KEY = 'test-secret-key-that-is-long-enough-for-hs256-0123456789';

/**
 * GET /api/events on one in-process API: the run's defaults (embedded PGlite and memory, or the real
 * services when set), on a database of its own so no app of another suite publishes its events.
 */
describe('live: GET /api/events on one process', () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await startTestAppOnOwnDatabase({ SECRET_KEY });
  });
  afterAll(() => testApp.close());

  liveScenarios({ first: () => testApp.baseUrl, second: () => testApp.baseUrl, secretKey: SECRET_KEY });
});
