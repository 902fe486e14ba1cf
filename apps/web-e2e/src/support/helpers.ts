import AxeBuilder from '@axe-core/playwright';
import { APIRequestContext, Locator, Page, expect } from '@playwright/test';
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
  await expect(page.getByRole('heading', { name: 'All tasks' })).toBeVisible();
}

/**
 * axe-core on the page as a person sees it once it has settled: no serious or critical violation.
 * Running animations are waited out first: a Material error message fades in, and axe measuring
 * its contrast mid-fade reported the half-transparent text (seen once in CI on the register form).
 */
export async function expectAccessible(page: Page, label: string) {
  // Endless ones (a progress bar, a spinner) never finish: only finite animations are waited for.
  await page.waitForFunction(() =>
    document.getAnimations().every((animation) => animation.playState !== 'running' || animation.effect?.getComputedTiming().iterations === Infinity),
  );
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = bad.map((v) => `${v.impact} ${v.id}: ${v.help}\n  ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join('\n  ')}`);
  expect(report, `accessibility violations on ${label}`).toEqual([]);
}

export async function screenshot(page: Page, name: string, fullPage = true) {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage });
}

/** Drags with real mouse moves, in small steps, as CDK drag-drop needs; checks the drag really started. */
export async function dragTo(page: Page, source: Locator, target: Locator) {
  await source.scrollIntoViewIfNeeded();
  const from = await source.boundingBox();
  if (!from) throw new Error('drag source is not visible');
  const startX = from.x + 20;
  const startY = from.y + from.height - 10;
  await page.mouse.move(startX, startY);
  await page.mouse.down();
  await page.mouse.move(startX + 8, startY + 8, { steps: 4 });
  await page.mouse.move(startX + 16, startY + 16, { steps: 4 });
  await expect(page.locator('.cdk-drag-preview')).toBeVisible();
  const to = await target.boundingBox();
  if (!to) throw new Error('drop target is not visible');
  const endX = to.x + to.width / 2;
  const endY = to.y + Math.min(to.height / 2, 60);
  await page.mouse.move(endX, endY, { steps: 20 });
  await page.mouse.move(endX + 2, endY + 2, { steps: 2 });
  await page.waitForTimeout(200);
  await page.mouse.up();
}
