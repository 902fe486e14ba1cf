import { expect, test } from '@playwright/test';
import { dragTo, expectAccessible, uniqueUser } from './support/helpers';

test('a person registers, logs in, manages tasks on the list and the board, and logs out', async ({ page }) => {
  const user = uniqueUser('ada');

  await test.step('a protected URL sends a signed-out person to log in', async () => {
    await page.goto('/tasks/board');
    await expect(page).toHaveURL(/\/login\?returnUrl=%2Ftasks%2Fboard$/);
    await expectAccessible(page, 'login');
  });

  await test.step('register, with inline validation first', async () => {
    await page.getByRole('link', { name: 'Create an account' }).click();
    await expect(page).toHaveURL(/\/register$/);
    await page.getByLabel('Username').fill('a!');
    await page.getByLabel('Email').fill('not-an-email');
    await page.getByLabel('Password').fill('short');
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect(page.getByText('Use 3–32 letters, digits, _ . or -.')).toBeVisible();
    await expect(page.getByText('Enter a valid email address.')).toBeVisible();
    await expect(page.getByText('Use at least 8 characters.')).toBeVisible();
    await expectAccessible(page, 'register with errors');

    await page.getByLabel('Username').fill(user.username);
    await page.getByLabel('Email').fill(user.email);
    await page.getByLabel('Password').fill(user.password);
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect(page).toHaveURL(/\/login\?registered=1/);
    await expect(page.getByRole('status')).toContainText('Account created');
  });

  await test.step('registering the same username again shows the conflict on the form', async () => {
    await page.goto('/register');
    await page.getByLabel('Username').fill(user.username);
    await page.getByLabel('Email').fill(`other-${user.email}`);
    await page.getByLabel('Password').fill(user.password);
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect(page.locator('mat-error, [role=alert]').first()).toBeVisible();
    await expect(page).toHaveURL(/\/register$/);
  });

  await test.step('a wrong password is refused, the right one logs in and shows who is logged in', async () => {
    await page.goto('/login');
    await page.getByLabel('Username').fill(user.username);
    await page.getByLabel('Password').fill('wrong password!');
    await page.getByRole('button', { name: 'Log in' }).click();
    await expect(page.getByRole('alert')).toHaveText('Wrong username or password.');
    await page.getByLabel('Password').fill(user.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await expect(page).toHaveURL(/\/tasks$/);
    await expect(page.getByRole('button', { name: `Account: ${user.username}` })).toBeVisible();
    await expect(page.getByText('No tasks yet')).toBeVisible();
    await expectAccessible(page, 'empty task list');
  });

  await test.step('quick add three tasks with Enter', async () => {
    const input = page.getByLabel('Add a task');
    for (const title of ['Buy oat milk', 'Write the quarterly report', 'Call the plumber']) {
      await input.fill(title);
      await input.press('Enter');
      await expect(page.getByRole('button', { name: `Edit “${title}”` })).toBeVisible();
    }
    await expect(page.getByText('3 tasks')).toBeVisible();
    await expect(input).toHaveValue('');
    await expectAccessible(page, 'task list');
  });

  await test.step('edit every field of a task in the dialog', async () => {
    await page.getByRole('button', { name: 'Edit “Write the quarterly report”' }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog.getByRole('heading', { name: 'Edit task' })).toBeVisible();
    await expectAccessible(page, 'edit dialog');
    await dialog.getByLabel('Title').fill('Write the Q3 report');
    await dialog.getByLabel('Description').fill('Numbers from finance first.');
    await dialog.getByRole('combobox', { name: 'Priority' }).click();
    await page.getByRole('option', { name: 'Urgent' }).click();
    await dialog.getByLabel('Due date').fill('2020-01-15');
    const tagInput = dialog.getByLabel('Add a tag');
    await tagInput.fill('Work');
    await tagInput.press('Enter');
    await tagInput.fill('finance');
    await tagInput.press('Enter');
    const saved = page.waitForResponse((r) => r.request().method() === 'PATCH' && r.url().includes('/api/tasks/'));
    await dialog.getByRole('button', { name: 'Save' }).click();
    expect((await saved).status()).toBe(200);
    await expect(dialog).toBeHidden();
    const row = page.locator('tf-task-row', { hasText: 'Write the Q3 report' });
    await expect(row).toContainText('Urgent priority');
    await expect(row).toContainText('Overdue');
    await expect(row).toContainText('#work');
    await expect(row).toContainText('#finance');
    await expect(row).toHaveClass(/tf-overdue/);
  });

  await test.step('one click marks a task done', async () => {
    await page.getByRole('checkbox', { name: 'Mark “Buy oat milk” as done' }).click();
    await expect(page.getByRole('checkbox', { name: 'Mark “Buy oat milk” as not done' })).toBeChecked();
    await expect(page.locator('tf-task-row', { hasText: 'Buy oat milk' })).toContainText('Done');
  });

  await test.step('filter by status, by priority, by tag, search the text, and sort', async () => {
    await page.getByRole('combobox', { name: 'Status' }).click();
    await page.getByRole('option', { name: 'Done' }).click();
    await page.keyboard.press('Escape');
    await expect(page.getByText('1 task', { exact: true })).toBeVisible();
    await expect(page.locator('tf-task-row')).toHaveCount(1);
    await expect(page.locator('tf-task-row')).toContainText('Buy oat milk');
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect(page.locator('tf-task-row')).toHaveCount(3);

    await page.getByRole('combobox', { name: 'Priority' }).click();
    await page.getByRole('option', { name: 'Urgent' }).click();
    await page.keyboard.press('Escape');
    await expect(page.locator('tf-task-row')).toHaveCount(1);
    await expect(page.locator('tf-task-row')).toContainText('Write the Q3 report');
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect(page.locator('tf-task-row')).toHaveCount(3);

    await page.getByLabel('Tag').fill('finance');
    await expect(page.locator('tf-task-row')).toHaveCount(1);
    await page.getByLabel('Tag').fill('');
    await expect(page.locator('tf-task-row')).toHaveCount(3);

    await page.getByLabel('Search').fill('plumber');
    await expect(page.locator('tf-task-row')).toHaveCount(1);
    await expect(page.locator('tf-task-row')).toContainText('Call the plumber');
    await page.getByLabel('Search').fill('nothing matches this');
    await expect(page.getByText('No task matches these filters')).toBeVisible();
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect(page.locator('tf-task-row')).toHaveCount(3);

    await page.getByRole('combobox', { name: 'Sort' }).click();
    await page.getByRole('option', { name: 'Title, A to Z' }).click();
    await expect(page.locator('tf-task-row').first()).toContainText('Buy oat milk');
    await expect(page.locator('tf-task-row').last()).toContainText('Write the Q3 report');
  });

  await test.step('drag a card to another column on the board', async () => {
    await page.getByRole('link', { name: 'Board view' }).click();
    // The filters (here the sort chosen on the list) stay in the URL for the way back.
    await expect(page).toHaveURL(/\/tasks\/board\?sort=title$/);
    const card = page.locator('.tf-card', { hasText: 'Call the plumber' });
    await expect(page.locator('ul[data-status="todo"]')).toContainText('Call the plumber');
    await expectAccessible(page, 'board');
    const patched = page.waitForResponse((r) => r.request().method() === 'PATCH');
    await dragTo(page, card, page.locator('ul[data-status="in_progress"]'));
    expect((await patched).status()).toBe(200);
    await expect(page.locator('ul[data-status="in_progress"]')).toContainText('Call the plumber');
    await page.reload();
    await expect(page.locator('ul[data-status="in_progress"]')).toContainText('Call the plumber');
  });

  await test.step('see the history of the task', async () => {
    await page.getByRole('button', { name: 'Call the plumber', exact: true }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('tab', { name: 'History' }).click();
    const history = dialog.getByRole('list', { name: 'Task history' });
    await expect(history.getByRole('listitem').first()).toContainText('status changed from “to do” to “in progress”', { timeout: 15_000 });
    await expect(history.getByRole('listitem').last()).toContainText('created as “Call the plumber”');
    await expect(history).toContainText(/just now|minute/);
    await expectAccessible(page, 'history');
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
  });

  await test.step('delete a task after confirming', async () => {
    await page.getByRole('link', { name: 'List view' }).click();
    await page.getByRole('button', { name: 'Delete “Call the plumber”' }).click();
    const confirm = page.getByRole('alertdialog');
    await expect(confirm).toContainText('“Call the plumber” will be deleted');
    await expectAccessible(page, 'delete confirmation');
    await confirm.getByRole('button', { name: 'Delete' }).click();
    await expect(page.locator('tf-task-row', { hasText: 'Call the plumber' })).toHaveCount(0);
    await expect(page.getByText('2 tasks')).toBeVisible();
    await page.reload();
    await expect(page.locator('tf-task-row')).toHaveCount(2);
  });

  await test.step('log out; a protected URL then sends you to log in', async () => {
    await page.getByRole('button', { name: `Account: ${user.username}` }).click();
    await page.getByRole('menuitem', { name: 'Log out' }).click();
    await expect(page).toHaveURL(/\/login$/);
    await page.goto('/tasks');
    await expect(page).toHaveURL(/\/login\?returnUrl=%2Ftasks$/);
    // Logging in again returns to the page that was asked for.
    await page.getByLabel('Username').fill(user.username);
    await page.getByLabel('Password').fill(user.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await expect(page).toHaveURL(/\/tasks$/);
  });
});

test('keyboard only: quick add and open a task without a mouse', async ({ page, request }) => {
  const user = uniqueUser('kb');
  const created = await request.post('/api/users', { data: user });
  expect(created.status()).toBe(201);
  await page.goto('/login');
  await page.keyboard.press('Tab'); // skip link
  await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused();
  await page.getByLabel('Username').focus();
  await page.keyboard.type(user.username);
  await page.keyboard.press('Tab');
  await page.keyboard.type(user.password);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/tasks$/);
  await page.getByLabel('Add a task').focus();
  await page.keyboard.type('Keyboard task');
  await page.keyboard.press('Enter');
  const edit = page.getByRole('button', { name: 'Edit “Keyboard task”' });
  await expect(edit).toBeVisible();
  await expect(page.getByLabel('Add a task')).toBeFocused();
  await edit.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  // Focus stays inside the dialog however far you tab.
  for (let i = 0; i < 25; i += 1) {
    await page.keyboard.press('Tab');
    expect(await dialog.evaluate((el) => el.contains(document.activeElement))).toBe(true);
  }
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(edit).toBeFocused();
});
