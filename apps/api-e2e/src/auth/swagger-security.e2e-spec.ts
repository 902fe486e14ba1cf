import { HttpClient, startTestApp, type TestApp } from '@taskflow/api-testing';

interface Operation {
  operationId: string;
  security?: Record<string, string[]>[];
  parameters?: { name: string; in: string; required?: boolean }[];
}

describe('OpenAPI document: security and parameters', () => {
  let testApp: TestApp;
  let operations: Map<string, Operation>;

  beforeAll(async () => {
    testApp = await startTestApp();
    const doc = (await new HttpClient(testApp.baseUrl).get<{ paths: Record<string, Record<string, Operation>> }>('/docs-json')).body;
    operations = new Map(Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => [`${method.toUpperCase()} ${path}`, op] as const)));
  });
  afterAll(() => testApp.close());

  it.each(['GET /api/users/me', 'POST /api/tasks', 'GET /api/tasks', 'PATCH /api/users/me/password', 'POST /api/users/me/confirmation-email'])(
    '%s accepts the oauth2 password-flow token as well as a bearer token',
    (key) => {
      expect(operations.get(key)?.security).toEqual([{ oauth2: [] }, { bearer: [] }]);
    },
  );

  it.each(['POST /api/users', 'POST /api/token', 'POST /api/token/revoke', 'POST /api/password-resets', 'POST /api/password-resets/confirm'])(
    '%s is public: no security, so no lock',
    (key) => {
      expect(operations.get(key)?.security).toEqual([]);
    },
  );

  it('requires no header on GET /api/tasks (Cache-Control is optional)', () => {
    const headers = (operations.get('GET /api/tasks')?.parameters ?? []).filter((p) => p.in === 'header');
    expect(headers.filter((p) => p.required)).toEqual([]);
    expect(headers.filter((p) => p.name.toLowerCase() === 'cache-control')).toHaveLength(1);
  });
});
