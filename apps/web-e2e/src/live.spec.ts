import { Browser, Page, expect, test } from '@playwright/test';
import { createTaskViaApi, expectAccessible, logIn, registerViaApi, screenshot, tokenViaApi, uniqueUser } from './support/helpers';

/** Signs in a member in a browser context of their own (own cookies, own stream) and opens the project's board. */
async function memberBoard(browser: Browser, user: { username: string; password: string }, projectId: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await logIn(page, user.username, user.password);
  await page.goto(`/tasks/board?project=${projectId}`);
  await expect(page.locator('tf-connection-indicator')).toHaveText('Live');
  return page;
}

const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil((p / 100) * values.length) - 1)];

test('two members of one project: a card moved by one appears moved on the other’s board within 1 s; a concurrent edit shows the conflict view', async ({ browser, request }) => {
  const alice = uniqueUser('alice');
  const bob = uniqueUser('bob');
  await registerViaApi(request, alice);
  await registerViaApi(request, bob);
  const aliceToken = await tokenViaApi(request, alice.username, alice.password);
  const asAlice = { Authorization: `Bearer ${aliceToken}` };
  const created = await request.post('/api/projects', { data: { name: 'Launch' }, headers: asAlice });
  expect(created.status(), await created.text()).toBe(201);
  const project = await created.json();
  const shared = await request.post(`/api/projects/${project.id}/members`, { data: { username: bob.username, role: 'editor' }, headers: asAlice });
  expect(shared.status(), await shared.text()).toBe(201);
  const task = await createTaskViaApi(request, aliceToken, { title: 'Write the announcement', projectId: project.id });

  const pageA = await memberBoard(browser, alice, project.id);
  const pageB = await memberBoard(browser, bob, project.id);
  const title = 'Write the announcement';
  const columnOf = (page: Page, status: string) => page.locator(`ul[data-status="${status}"]`);
  await expect(columnOf(pageB, 'todo')).toContainText(title);

  await test.step('each move by alice shows on bob’s board within 1 s (the time from alice’s PATCH response), marked', async () => {
    const route = ['in_progress', 'done', 'in_progress', 'todo', 'in_progress', 'done'];
    const figures: number[] = [];
    let from = 'todo';
    for (const to of route) {
      // Watches bob's board in the page itself, every 10 ms, so the figure is not Playwright's retry interval.
      const arrived = pageB.waitForFunction(
        ([status, text]) => Array.from(document.querySelectorAll(`ul[data-status="${status}"] .tf-card-title`)).some((b) => b.textContent?.trim() === text),
        [to, title] as const,
        { polling: 10, timeout: 10_000 },
      );
      const patched = pageA.waitForResponse((r) => r.request().method() === 'PATCH' && r.url().includes(task.id));
      await columnOf(pageA, from).getByRole('button', { name: `Move “${title}”` }).click();
      await pageA.getByRole('menuitem', { name: `To ${to === 'in_progress' ? 'In progress' : to === 'done' ? 'Done' : 'To do'}` }).click();
      const response = await patched;
      const answeredAt = Date.now();
      expect(response.status()).toBe(200);
      await arrived;
      figures.push(Date.now() - answeredAt);
      from = to;
    }
    console.log(`live move latency, alice's PATCH response → bob's board (ms): ${figures.join(', ')}; p50 ${percentile(figures, 50)}, max ${Math.max(...figures)}`);
    expect(Math.max(...figures)).toBeLessThan(1000);
    await expect(columnOf(pageB, 'in_progress').locator('.tf-card')).toHaveCount(0);
    const card = columnOf(pageB, 'done').locator('.tf-card', { hasText: title });
    await expect(card).toContainText(`moved by ${alice.username}`);
    // Alice's own board carries no mark for her own move.
    await expect(columnOf(pageA, 'done').locator('.tf-card', { hasText: title })).not.toContainText('moved by');
    await screenshot(pageB, 'live-moved-by-other', false);
  });

  await test.step('bob and alice edit the title at once: bob’s save shows the conflict view, and his choice is saved', async () => {
    await columnOf(pageB, 'done').getByRole('button', { name: title, exact: true }).click();
    const dialog = pageB.getByRole('dialog');
    await expect(dialog.getByLabel('Title')).toBeFocused();
    await dialog.getByLabel('Title').fill('Write the launch post');
    const current = await (await request.get(`/api/tasks/${task.id}`, { headers: asAlice })).json();
    const theirs = await request.patch(`/api/tasks/${task.id}`, {
      data: { title: 'Announce the launch', priority: 'high' },
      headers: { ...asAlice, 'If-Match': `W/"${current.version}"` },
    });
    expect(theirs.status()).toBe(200);
    // The change reached bob's open dialog live; his own edit is kept.
    await expect(dialog.getByRole('status')).toContainText(`${alice.username} changed this task too`);
    await expect(dialog.getByLabel('Title')).toHaveValue('Write the launch post');

    const refused = pageB.waitForResponse((r) => r.request().method() === 'PATCH');
    await dialog.getByRole('button', { name: 'Save' }).click();
    expect((await refused).status()).toBe(412);
    const conflict = dialog.getByRole('region', { name: 'Someone else changed this task' });
    await expect(conflict).toBeVisible();
    const titleRow = conflict.getByRole('group', { name: /Title/ });
    await expect(titleRow).toContainText('changed by both of you');
    await expect(titleRow.getByRole('radio', { name: /Theirs.*Announce the launch/ })).toBeVisible();
    await expect(titleRow.getByRole('radio', { name: /Yours.*Write the launch post/ })).toBeChecked();
    await expect(conflict.getByRole('group', { name: /Priority/ }).getByRole('radio', { name: /Theirs.*High/ })).toBeChecked();
    await expectAccessible(pageB, 'conflict view');
    await screenshot(pageB, 'live-conflict-view', false);

    const saved = pageB.waitForResponse((r) => r.request().method() === 'PATCH');
    await conflict.getByRole('button', { name: 'Save this mix' }).click();
    const response = await saved;
    expect(response.status()).toBe(200);
    expect(response.request().headers()['if-match']).toBe(`W/"${current.version + 1}"`);
    expect(response.request().postDataJSON()).toEqual({ title: 'Write the launch post' });
    await expect(dialog).toBeHidden();
    const final = await (await request.get(`/api/tasks/${task.id}`, { headers: asAlice })).json();
    expect(final).toMatchObject({ title: 'Write the launch post', priority: 'high' });
    // And alice's board follows bob's save.
    await expect(columnOf(pageA, 'done')).toContainText('Write the launch post');
    await expect(columnOf(pageA, 'done').locator('.tf-card', { hasText: 'Write the launch post' })).toContainText(`edited by ${bob.username}`);
  });

  await test.step('the indicator says when the stream is gone, in words', async () => {
    await pageB.context().setOffline(true);
    await expect(pageB.locator('tf-connection-indicator')).toHaveText('Offline');
    await pageB.context().setOffline(false);
    await expect(pageB.locator('tf-connection-indicator')).toHaveText('Live');
  });

  await pageA.context().close();
  await pageB.context().close();
});
