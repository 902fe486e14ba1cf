import { expect, test } from '@playwright/test';
import { expectAccessible, logIn, registerViaApi, screenshot, uniqueUser } from './support/helpers';

const sizes = [
  { name: 'desktop', viewport: { width: 1280, height: 800 } },
  { name: 'phone', viewport: { width: 390, height: 844 } },
] as const;

for (const size of sizes) {
  test(`projects sidebar, ${size.name}: create a project, add a task in it, reload and stay there`, async ({ browser, request }) => {
    const user = uniqueUser(`pj${size.name[0]}`);
    await registerViaApi(request, user);
    const context = await browser.newContext({ viewport: size.viewport });
    const page = await context.newPage();
    try {
      await logIn(page, user.username, user.password);
      const sidebar = page.getByRole('navigation', { name: 'Projects' });
      // The Inbox exists from registration and cannot be deleted: it has no Delete in its menu.
      await expect(sidebar.getByRole('link', { name: 'Inbox' })).toBeVisible();
      await sidebar.getByRole('button', { name: 'Actions for Inbox' }).click();
      await expect(page.getByRole('menuitem', { name: 'Rename' })).toBeVisible();
      await expect(page.getByRole('menuitem', { name: 'Delete' })).toHaveCount(0);
      await page.keyboard.press('Escape');

      await sidebar.getByLabel('New project').fill('Garden');
      await sidebar.getByRole('button', { name: 'Create' }).click();
      await expect(page).toHaveURL(/\/tasks\?project=[0-9a-f-]{36}$/);
      await expect(page.getByRole('heading', { name: 'Garden', level: 1 })).toBeVisible();
      const projectUrl = page.url();

      await page.getByLabel('Add a task').fill('Plant tulips');
      await page.getByLabel('Add a task').press('Enter');
      await expect(page.locator('tf-task-row')).toHaveCount(1);
      await expect(page.locator('tf-task-row')).toContainText('Plant tulips');

      await page.reload();
      await expect(page).toHaveURL(projectUrl);
      await expect(page.getByRole('heading', { name: 'Garden', level: 1 })).toBeVisible();
      await expect(sidebar.getByRole('link', { name: 'Garden' })).toHaveAttribute('aria-current', 'page');
      await expect(page.locator('tf-task-row')).toHaveCount(1);
      await expectAccessible(page, `projects sidebar ${size.name}`);
      await screenshot(page, `projects-sidebar-${size.name}`);

      // The task went into Garden, not the Inbox; All tasks shows it; Back returns to Garden.
      await sidebar.getByRole('link', { name: 'Inbox' }).click();
      await expect(page.getByRole('heading', { name: 'Inbox', level: 1 })).toBeVisible();
      await expect(page.locator('tf-task-row')).toHaveCount(0);
      await sidebar.getByRole('link', { name: 'All tasks' }).click();
      await expect(page.locator('tf-task-row')).toHaveCount(1);
      await page.goBack();
      await page.goBack();
      await expect(page).toHaveURL(projectUrl);
      await expect(page.getByRole('heading', { name: 'Garden', level: 1 })).toBeVisible();
    } finally {
      await context.close();
    }
  });
}
