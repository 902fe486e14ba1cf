import { APIRequestContext, expect, test } from '@playwright/test';
import { createTaskViaApi, dragTo, expectAccessible, logIn, registerViaApi, tokenViaApi, uniqueUser } from './support/helpers';

async function createMany(request: APIRequestContext, token: string, count: number, data: Record<string, unknown>) {
  // A few at a time: quick, without flooding the embedded database.
  for (let start = 0; start < count; start += 10) {
    await Promise.all(
      Array.from({ length: Math.min(10, count - start) }, (_, i) => createTaskViaApi(request, token, { ...data, title: `${data['title']} ${start + i + 1}` })),
    );
  }
}

test('a board with more than 100 tasks counts and pages each column, takes drops anywhere and moves by keyboard', async ({ page, request }) => {
  const user = uniqueUser('board');
  await registerViaApi(request, user);
  const token = await tokenViaApi(request, user.username, user.password);
  await createMany(request, token, 105, { title: 'Backlog item', priority: 'low' });
  await createTaskViaApi(request, token, { title: 'Ship the release', priority: 'high', status: 'in_progress' });

  await logIn(page, user.username, user.password);
  await page.goto('/tasks/board');
  const todo = page.locator('ul[data-status="todo"]');
  const inProgress = page.locator('ul[data-status="in_progress"]');
  const done = page.locator('ul[data-status="done"]');
  const count = (status: string) => page.locator(`#col-${status} .tf-column-count`);

  await test.step('each column shows its own total and its own cards', async () => {
    await expect(count('todo')).toHaveText('105');
    await expect(count('in_progress')).toHaveText('1');
    await expect(count('done')).toHaveText('0');
    await expect(inProgress).toContainText('Ship the release');
    await expect(todo.locator('.tf-card')).toHaveCount(50);
    await expect(done).toContainText('Drop tasks here');
    await expectAccessible(page, 'board with many tasks');
  });

  await test.step('a column pages on its own', async () => {
    const column = page.locator('section', { has: todo });
    await column.getByRole('button', { name: 'Load more' }).click();
    await expect(todo.locator('.tf-card')).toHaveCount(100);
    await column.getByRole('button', { name: 'Load more' }).click();
    await expect(todo.locator('.tf-card')).toHaveCount(105);
    await expect(column.getByRole('button', { name: 'Load more' })).toHaveCount(0);
  });

  await test.step('drag a card with the mouse into the empty column', async () => {
    const card = inProgress.locator('.tf-card', { hasText: 'Ship the release' });
    const patched = page.waitForResponse((r) => r.request().method() === 'PATCH');
    await dragTo(page, card, done);
    const response = await patched;
    expect(response.status()).toBe(200);
    expect(response.request().postDataJSON()).toMatchObject({ status: 'done' });
    await expect(done).toContainText('Ship the release');
    await expect(count('done')).toHaveText('1');
    await expect(count('in_progress')).toHaveText('0');
  });

  await test.step('Shift+→ moves the focused card one column to the right', async () => {
    const title = todo.getByRole('button', { name: 'Backlog item 105', exact: true });
    await title.focus();
    const patched = page.waitForResponse((r) => r.request().method() === 'PATCH');
    await page.keyboard.press('Shift+ArrowRight');
    expect((await patched).status()).toBe(200);
    await expect(inProgress).toContainText('Backlog item 105');
    await expect(inProgress.getByRole('button', { name: 'Backlog item 105', exact: true })).toBeFocused();
    await expect(count('todo')).toHaveText('104');
    await expect(count('in_progress')).toHaveText('1');
  });

  await test.step('the moves are saved', async () => {
    await page.reload();
    await expect(count('todo')).toHaveText('104');
    await expect(inProgress).toContainText('Backlog item 105');
    await expect(done).toContainText('Ship the release');
  });

  await test.step('? shows the board shortcuts', async () => {
    await page.locator('h1').click();
    await page.keyboard.press('?');
    const help = page.getByRole('dialog');
    await expect(help.getByRole('heading', { name: 'Board shortcuts' })).toBeVisible();
    await expectAccessible(page, 'board shortcuts');
    await page.keyboard.press('Escape');
    await expect(help).toBeHidden();
  });
});
