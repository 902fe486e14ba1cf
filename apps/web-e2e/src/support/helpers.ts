import AxeBuilder from '@axe-core/playwright';
import { APIRequestContext, Page, expect } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const SCREENSHOT_DIR = resolve(__dirname, '../../../../dist/screenshots');

let counter = 0;
/** A username nobody has used yet in this run. */
export function uniqueUser(prefix: string) {
  counter += 1;
  const username = `${prefix}_${Date.now().toString(36)}${counter}`;
  return { username, email: `${username}@example.com`, password: 'correct horse battery' };
}

/** Registers through the API (for tests whose subject is not registration). */
export async function registerViaApi(request: APIRequestContext, user: { username: string; email: string; password: string }) {
  const response = await request.post('/api/users', { data: user });
  expect(response.status(), await response.text()).toBe(201);
}

export async function createTaskViaApi(request: APIRequestContext, token: string, data: Record<string, unknown>) {
  const response = await request.post('/api/tasks', { data, headers: { Authorization: `Bearer ${token}` } });
  expect(response.status(), await response.text()).toBe(201);
  return response.json();
}

export async function tokenViaApi(request: APIRequestContext, username: string, password: string): Promise<string> {
  const response = await request.post('/api/token', { form: { grant_type: 'password', username, password } });
  expect(response.status(), await response.text()).toBe(200);
  return (await response.json()).access_token;
}

export async function logIn(page: Page, username: string, password: string) {
  await page.goto('/login');
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page).toHaveURL(/\/tasks$/);
  await expect(page.getByRole('heading', { name: 'My tasks' })).toBeVisible();
}

/** axe-core on the page as it is now: no serious or critical violation. */
export async function expectAccessible(page: Page, label: string) {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = bad.map((v) => `${v.impact} ${v.id}: ${v.help}\n  ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join('\n  ')}`);
  expect(report, `accessibility violations on ${label}`).toEqual([]);
}

export async function screenshot(page: Page, name: string) {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

/** Drags with real mouse moves, in small steps, as CDK drag-drop needs. */
export async function dragTo(page: Page, source: ReturnType<Page['locator']>, target: ReturnType<Page['locator']>) {
  const from = await source.boundingBox();
  const to = await target.boundingBox();
  if (!from || !to) throw new Error('drag source or target is not visible');
  const startX = from.x + 20;
  const startY = from.y + from.height - 10;
  await page.mouse.move(startX, startY);
  await page.mouse.down();
  await page.mouse.move(startX + 10, startY + 10, { steps: 5 });
  await page.mouse.move(to.x + to.width / 2, to.y + Math.min(to.height / 2, 60), { steps: 25 });
  await page.mouse.move(to.x + to.width / 2 + 2, to.y + Math.min(to.height / 2, 60) + 2, { steps: 3 });
  await page.mouse.up();
}
