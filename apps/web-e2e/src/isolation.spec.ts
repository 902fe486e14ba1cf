import { expect, test } from '@playwright/test';
import { logIn, registerViaApi, uniqueUser } from './support/helpers';

test('two people in two browsers never see each other’s tasks', async ({ browser, request }) => {
  const alice = uniqueUser('alice');
  const bob = uniqueUser('bob');
  await registerViaApi(request, alice);
  await registerViaApi(request, bob);

  const aliceContext = await browser.newContext();
  const bobContext = await browser.newContext();
  const alicePage = await aliceContext.newPage();
  const bobPage = await bobContext.newPage();
  try {
    await logIn(alicePage, alice.username, alice.password);
    await logIn(bobPage, bob.username, bob.password);

    for (const [page, title] of [
      [alicePage, 'Alice secret plan'],
      [bobPage, 'Bob private errand'],
    ] as const) {
      await page.getByLabel('Add a task').fill(title);
      await page.getByLabel('Add a task').press('Enter');
      await expect(page.getByRole('button', { name: `Edit “${title}”` })).toBeVisible();
    }

    await alicePage.reload();
    await bobPage.reload();
    await expect(alicePage.locator('tf-task-row')).toHaveCount(1);
    await expect(bobPage.locator('tf-task-row')).toHaveCount(1);
    await expect(alicePage.getByText('Bob private errand')).toHaveCount(0);
    await expect(bobPage.getByText('Alice secret plan')).toHaveCount(0);
    await expect(alicePage.getByText('1 task', { exact: true })).toBeVisible();

    // Searching for the other person's words finds nothing either.
    await bobPage.getByLabel('Search').fill('Alice');
    await expect(bobPage.getByText('No task matches these filters')).toBeVisible();

    await bobPage.goto('/tasks/board');
    await expect(bobPage.locator('.tf-card')).toHaveCount(1);
    await expect(bobPage.locator('.tf-card')).toContainText('Bob private errand');
  } finally {
    await aliceContext.close();
    await bobContext.close();
  }
});
