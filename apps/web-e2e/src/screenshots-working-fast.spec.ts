import { expect, test } from '@playwright/test';
import { createTaskViaApi, expectAccessible, logIn, registerViaApi, screenshot, tokenViaApi, uniqueUser } from './support/helpers';

const sizes = [
  { name: 'desktop', viewport: { width: 1280, height: 800 } },
  { name: 'phone', viewport: { width: 390, height: 844 } },
] as const;

for (const scheme of ['light', 'dark'] as const) {
  for (const size of sizes) {
    test(`shortcuts, bulk bar and board columns, ${scheme}, ${size.name}: accessible and photographed`, async ({ browser, request }) => {
      const user = uniqueUser(`w${scheme[0]}${size.name[0]}`);
      await registerViaApi(request, user);
      const token = await tokenViaApi(request, user.username, user.password);
      await createTaskViaApi(request, token, { title: 'Pay the electricity bill', priority: 'urgent', tags: ['home', 'money'] });
      await createTaskViaApi(request, token, { title: 'Prepare the team retrospective', priority: 'high', status: 'in_progress', tags: ['work'] });
      await createTaskViaApi(request, token, { title: 'Book dentist appointment', priority: 'low' });

      const context = await browser.newContext({ colorScheme: scheme, viewport: size.viewport });
      const page = await context.newPage();
      const shot = (name: string, fullPage = true) => screenshot(page, `${name}-${scheme}-${size.name}`, fullPage);
      try {
        await logIn(page, user.username, user.password);
        await expect(page.locator('tf-task-row')).toHaveCount(3);
        await page.locator('h1').click();
        await page.keyboard.press('?');
        await expect(page.getByRole('dialog')).toBeVisible();
        await expectAccessible(page, `shortcuts ${scheme} ${size.name}`);
        await shot('shortcuts-help', false);
        await page.keyboard.press('Escape');

        await page.getByRole('button', { name: 'Select', exact: true }).click();
        await page.getByRole('checkbox', { name: 'Select “Book dentist appointment”' }).check();
        await expect(page.getByRole('toolbar', { name: 'Bulk actions' })).toContainText('1 selected');
        await expectAccessible(page, `bulk ${scheme} ${size.name}`);
        await shot('bulk-select');

        await page.goto('/tasks/board');
        await expect(page.locator('.tf-card')).toHaveCount(3);
        await expect(page.locator('#col-done .tf-column-count')).toHaveText('0');
        await expectAccessible(page, `board columns ${scheme} ${size.name}`);
        await shot('board-columns');
      } finally {
        await context.close();
      }
    });
  }
}
