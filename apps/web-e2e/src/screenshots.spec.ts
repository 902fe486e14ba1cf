import { expect, test } from '@playwright/test';
import { createTaskViaApi, expectAccessible, logIn, registerViaApi, screenshot, tokenViaApi, uniqueUser } from './support/helpers';

const sizes = [
  { name: 'desktop', viewport: { width: 1280, height: 800 } },
  { name: 'phone', viewport: { width: 390, height: 844 } },
] as const;
const schemes = ['light', 'dark'] as const;

function isoDate(offsetDays: number) {
  const d = new Date();
  d.setDate(d.getDate() + offsetDays);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

for (const scheme of schemes) {
  for (const size of sizes) {
    test(`main pages, ${scheme}, ${size.name}: accessible and photographed`, async ({ browser, request }) => {
      const user = uniqueUser(`s${scheme[0]}${size.name[0]}`);
      await registerViaApi(request, user);
      const token = await tokenViaApi(request, user.username, user.password);
      await createTaskViaApi(request, token, { title: 'Pay the electricity bill', priority: 'urgent', dueDate: isoDate(-2), tags: ['home', 'money'] });
      await createTaskViaApi(request, token, { title: 'Prepare the team retrospective', priority: 'high', dueDate: isoDate(1), status: 'in_progress', tags: ['work'] });
      await createTaskViaApi(request, token, { title: 'Book dentist appointment', priority: 'low', status: 'done' });
      await createTaskViaApi(request, token, { title: 'Read “Designing Data-Intensive Applications”', description: 'Chapters 5–7', dueDate: isoDate(20) });

      const context = await browser.newContext({ colorScheme: scheme, viewport: size.viewport });
      const page = await context.newPage();
      const shot = (name: string, fullPage = true) => screenshot(page, `${name}-${scheme}-${size.name}`, fullPage);
      try {
        await page.goto('/login');
        await expect(page.getByRole('heading', { name: 'Log in' })).toBeVisible();
        await expectAccessible(page, `login ${scheme} ${size.name}`);
        await shot('login');

        await page.goto('/register');
        await expect(page.getByRole('heading', { name: 'Create an account' })).toBeVisible();
        await expectAccessible(page, `register ${scheme} ${size.name}`);
        await shot('register');

        await logIn(page, user.username, user.password);
        await expect(page.locator('tf-task-row')).toHaveCount(4);
        await expectAccessible(page, `tasks ${scheme} ${size.name}`);
        await shot('tasks');

        await page.getByRole('button', { name: 'Edit “Pay the electricity bill”' }).click();
        await expect(page.getByRole('dialog')).toBeVisible();
        await expectAccessible(page, `edit dialog ${scheme} ${size.name}`);
        await shot('task-dialog', false);
        await page.getByRole('dialog').getByRole('tab', { name: 'History' }).click();
        await expect(page.getByRole('dialog').getByText(/created/i)).toBeVisible({ timeout: 15_000 });
        await expectAccessible(page, `history ${scheme} ${size.name}`);
        await shot('task-history', false);
        await page.keyboard.press('Escape');

        await page.goto('/tasks/board');
        await expect(page.locator('.tf-card')).toHaveCount(4);
        await expectAccessible(page, `board ${scheme} ${size.name}`);
        await shot('board');

        await page.goto('/confirm?token=not-a-real-token');
        await expect(page.getByRole('alert')).toBeVisible();
        await expectAccessible(page, `confirm ${scheme} ${size.name}`);
        await shot('confirm-email');
      } finally {
        await context.close();
      }
    });
  }
}
