import { HttpClient, startTestApp, type TestApp } from '@taskflow/api-testing';
import { startBuiltApi, type RunningApi } from './built-api';

type Document = { paths: Record<string, Record<string, { parameters?: { name: string; schema?: Record<string, unknown> }[] }>> };

/**
 * The Swagger compiler plugin writes the schema from the DTOs' types and class-validator rules.
 * The build applies it through webpack and the tests through ts-jest (tools/jest/api-ts-jest.cjs):
 * if either lost it, the document the tests check would not be the one users get.
 */
describe('OpenAPI document: the tests read the one the build serves', () => {
  let testApp: TestApp;
  let built: RunningApi;
  let inProcess: Document;
  let served: Document;

  beforeAll(async () => {
    testApp = await startTestApp();
    built = await startBuiltApi({ DATABASE_URL: process.env['DATABASE_URL'] ?? '', DATABASE_POOL_SIZE: '2' });
    inProcess = (await new HttpClient(testApp.baseUrl).get<Document>('/docs-json')).body;
    served = (await new HttpClient(built.baseUrl).get<Document>('/docs-json')).body;
  }, 90_000);
  afterAll(async () => {
    if (built && built.process.exitCode === null) built.process.kill('SIGKILL');
    await testApp?.close();
  });

  it('is the same document in-process and from dist/', () => {
    expect(inProcess).toEqual(served);
  });

  it('takes the list query constraints from the validators, with no copy by hand', () => {
    const parameters = new Map((served.paths['/api/tasks']?.['get']?.parameters ?? []).map((parameter) => [parameter.name, parameter.schema]));
    // @Length(1, 200) on q, @Min(1)/@Max(100) on limit, @MaxLength(3_700) on projectId, in list-tasks.query.ts.
    expect(parameters.get('q')).toMatchObject({ minLength: 1, maxLength: 200 });
    expect(parameters.get('limit')).toMatchObject({ minimum: 1, maximum: 100 });
    expect(parameters.get('projectId')).toMatchObject({ maxLength: 3_700 });
  });
});
