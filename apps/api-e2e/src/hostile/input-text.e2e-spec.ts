import { createUser, HttpClient, login, registerUser, startTestApp, uniqueUsername, type TestApp, type TestUser } from '@taskflow/api-testing';
import type { ProblemDetails, Task } from '@taskflow/shared-contracts';
import { createTask } from '../tasks/task-helpers';
import { rawRequest } from './raw-http';

const NUL = '\u0000';
const LONE_HIGH = '\ud800';
const LONE_LOW = '\udc00';

describe('hostile input: text the database cannot hold, and unknown keys whatever their name', () => {
  let testApp: TestApp;
  let http: HttpClient;
  let user: TestUser;
  let task: Task;

  beforeAll(async () => {
    testApp = await startTestApp();
    http = new HttpClient(testApp.baseUrl);
    user = await createUser(http);
    task = await createTask(http, user, { title: 'Untouched', description: 'as it was', tags: ['keep'] });
  });
  afterAll(() => testApp.close());

  const fieldsOf = (body: unknown) => ((body as ProblemDetails).errors ?? []).map((error) => error.field);

  it.each([
    ['U+0000 in the title', { title: `a${NUL}b` }, 'title'],
    ['a lone high surrogate in the description', { title: 'ok', description: `x${LONE_HIGH}` }, 'description'],
    ['a lone low surrogate in a tag', { title: 'ok', tags: ['fine', `${LONE_LOW}y`] }, 'tags.1'],
    ['U+0000 in a property name', { title: 'ok', [`bad${NUL}key`]: 1 }, 'bad\uFFFDkey'],
  ])('refuses %s on create with a 400 naming the field', async (_name, json, field) => {
    const response = await http.post<ProblemDetails>('/api/tasks', { token: user.accessToken, json });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(fieldsOf(response.body)).toEqual([field]);
  });

  it('refuses unstorable text on update and leaves the task as it was', async () => {
    for (const json of [{ title: `T${NUL}` }, { description: `${LONE_HIGH}` }, { tags: [`a${NUL}`] }]) {
      const response = await http.patch<ProblemDetails>(`/api/tasks/${task.id}`, { token: user.accessToken, json });
      expect(response.status).toBe(400);
      expect(fieldsOf(response.body)).toEqual([Object.keys(json)[0] === 'tags' ? 'tags.0' : Object.keys(json)[0]]);
    }
    const after = await http.get<Task>(`/api/tasks/${task.id}`, { token: user.accessToken });
    expect(after.body).toEqual(task);
  });

  it.each([
    ['q=%00', 'q'],
    ['tag=a%00b', 'tag'],
    ['cursor=%00', 'cursor'],
  ])('refuses unstorable text in the query %s, naming the parameter', async (query, field) => {
    const response = await http.get<ProblemDetails>(`/api/tasks?${query}`, { token: user.accessToken });
    expect(response.status).toBe(400);
    expect(fieldsOf(response.body)).toEqual([field]);
  });

  it('answers a query escape that is not UTF-8 without a 5xx', async () => {
    const response = await http.get(`/api/tasks?q=a%ED%A0%80`, { token: user.accessToken });
    expect(response.status).toBeLessThan(500);
  });

  it('refuses unstorable text on the token endpoint as an OAuth invalid_request, form or JSON', async () => {
    const form = await http.post<{ error: string }>('/api/token', { form: { grant_type: 'password', username: `${user.username}${NUL}`, password: user.password } });
    expect(form.status).toBe(400);
    expect(form.body.error).toBe('invalid_request');
    const json = await http.post<{ error: string; error_description: string }>('/api/token', {
      json: { grant_type: 'password', username: user.username, password: `${user.password}${LONE_HIGH}` },
    });
    expect(json.status).toBe(400);
    expect(json.body).toEqual({ error: 'invalid_request', error_description: expect.stringContaining('password') });
    const refresh = await http.post<{ error: string }>('/api/token', { form: { grant_type: 'refresh_token', refresh_token: `x${NUL}` } });
    expect(refresh.status).toBe(400);
    expect(refresh.body.error).toBe('invalid_request');
    const revoke = await http.post<{ error: string }>('/api/token/revoke', { form: { token: `x${NUL}` } });
    expect(revoke.status).toBe(400);
    // The user's own login still works: nothing was locked or changed by the refused requests.
    expect((await login(http, user.username, user.password)).access_token).toBeTruthy();
  });

  it('refuses unstorable text on registration, naming the field', async () => {
    const username = uniqueUsername('nul');
    const response = await http.post<ProblemDetails>('/api/users', { json: { username, email: `${username}@example.com`, password: `long enough${NUL}` } });
    expect(response.status).toBe(400);
    expect(fieldsOf(response.body)).toEqual(['password']);
  });

  it('compares passwords exactly as given, unusual code points included', async () => {
    const password = 'Ωmega \u{1F600} e\u0301 \uFFFF\u200B\u{10FFFF} tab\there';
    const { username } = await registerUser(http, { password });
    expect((await login(http, username, password)).access_token).toBeTruthy();
    const json = await http.post('/api/token', { json: { grant_type: 'password', username, password } });
    expect(json.status).toBe(200);
    // The same text in another Unicode normal form is another password.
    const composed = password.normalize('NFC');
    expect(composed).not.toBe(password);
    const wrong = await http.post<{ error: string }>('/api/token', { form: { grant_type: 'password', username, password: composed } });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error).toBe('invalid_grant');
  });

  const PROTOTYPE_NAMES = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf', 'propertyIsEnumerable', '__defineGetter__', 'toLocaleString', 'prototype'];

  it.each(PROTOTYPE_NAMES)('refuses a body property named %s as unknown, on create and update', async (name) => {
    // Written as text: an object literal with a __proto__ key would set the prototype, not a property.
    const body = `{"title":"proto","${name}":{"polluted":true}}`;
    for (const [method, path] of [
      ['POST', '/api/tasks'],
      ['PATCH', `/api/tasks/${task.id}`],
    ] as const) {
      const response = await rawRequest(testApp.baseUrl, {
        method,
        path,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${user.accessToken}` },
        body,
      });
      expect(response.status).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(fieldsOf(JSON.parse(response.text))).toEqual([name]);
    }
    const after = await http.get<Task>(`/api/tasks/${task.id}`, { token: user.accessToken });
    expect(after.body).toEqual(task);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it.each(PROTOTYPE_NAMES)('refuses a query parameter named %s as unknown', async (name) => {
    const response = await http.get<ProblemDetails>(`/api/tasks?${name}=1`, { token: user.accessToken });
    expect(response.status).toBe(400);
    expect(fieldsOf(response.body)).toEqual([name]);
  });

  it('refuses prototype names on registration and on the token endpoint', async () => {
    const username = uniqueUsername('proto');
    const registration = await rawRequest(testApp.baseUrl, {
      method: 'POST',
      path: '/api/users',
      headers: { 'content-type': 'application/json' },
      body: `{"username":"${username}","email":"${username}@example.com","password":"long enough","constructor":{"name":"x"}}`,
    });
    expect(registration.status).toBe(400);
    expect(fieldsOf(JSON.parse(registration.text))).toEqual(['constructor']);
    const token = await http.post<{ error: string }>('/api/token', { body: `grant_type=password&username=${user.username}&password=x&__proto__=1`, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(token.status).toBe(400);
    expect(token.body.error).toBe('invalid_request');
  });
});
