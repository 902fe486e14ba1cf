import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { logIn, registerViaApi, uniqueUser } from './support/helpers';

/** The link the API "sent" to `email`: without SMTP_URL the API writes each email to its log. */
async function emailedLink(email: string, path: '/confirm' | '/reset-password'): Promise<string> {
  const log = join(process.env['E2E_DATA_DIR'] as string, 'api.log');
  const pattern = new RegExp(`${path}\\?token=([A-Za-z0-9._~%-]+)`);
  let link = '';
  await expect
    .poll(
      () => {
        const line = readFileSync(log, 'utf8')
          .split('\n')
          .reverse()
          .find((l) => l.includes(`Email to ${email}`) && pattern.test(l));
        link = line ? `${path}?token=${line.match(pattern)![1]}` : '';
        return link;
      },
      { timeout: 20_000 },
    )
    .not.toBe('');
  return link;
}

async function logOut(page: Page, username: string) {
  await page.getByRole('button', { name: `Account: ${username}` }).click();
  await page.getByRole('menuitem', { name: 'Log out' }).click();
  await expect(page).toHaveURL(/\/login$/);
}

test('two tabs stay signed in after a reload; logging out in one ends the other', async ({ page, context, request }) => {
  test.setTimeout(120_000);
  const user = uniqueUser('tabs');
  await registerViaApi(request, user);
  await logIn(page, user.username, user.password);
  // The refresh token is a cookie no script can read, and nothing is left in web storage.
  const cookie = (await context.cookies()).find((c) => c.name === 'tf_refresh');
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/api/token' });
  expect(await page.evaluate(() => JSON.stringify({ ...localStorage, ...sessionStorage }))).not.toContain(cookie!.value);

  const other = await context.newPage();
  await other.goto('/tasks');
  await expect(other.getByRole('heading', { name: 'All tasks' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { name: 'All tasks' })).toBeVisible();
  await other.reload();
  await expect(other.getByRole('heading', { name: 'All tasks' })).toBeVisible();

  await logOut(page, user.username);
  await expect(other).toHaveURL(/\/login$/);
  await other.goto('/tasks');
  await expect(other).toHaveURL(/\/login\?returnUrl=%2Ftasks$/);
});

test('forgot password, end to end through the emailed link', async ({ page, request }) => {
  test.setTimeout(120_000);
  const user = uniqueUser('forgot');
  await registerViaApi(request, user);
  await page.goto('/login');
  await page.getByRole('link', { name: 'Forgot your password?' }).click();
  await page.getByLabel('Email').fill(user.email);
  await page.getByRole('button', { name: 'Send the link' }).click();
  await expect(page.getByRole('status')).toContainText(`If an account uses ${user.email}`);

  await page.goto(await emailedLink(user.email, '/reset-password'));
  await page.getByRole('textbox', { name: 'New password' }).fill('a brand new passphrase');
  await page.getByRole('button', { name: 'Set the new password' }).click();
  await expect(page.getByRole('main').getByRole('status')).toContainText('Your password is changed');
  await page.getByRole('link', { name: 'Log in' }).last().click();
  await logIn(page, user.username, 'a brand new passphrase');
});

test('a confirmation link opened signed out asks to sign in, then confirms; the banner offers a resend', async ({ page, request }) => {
  test.setTimeout(120_000);
  const user = uniqueUser('confirm');
  await registerViaApi(request, user);
  const link = await emailedLink(user.email, '/confirm');

  await page.goto('/login');
  await page.getByLabel('Username').fill(user.username);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  const banner = page.getByRole('complementary', { name: 'Email confirmation' });
  await expect(banner).toContainText('Please confirm your email address');
  await banner.getByRole('button', { name: 'Resend' }).click();
  await expect(banner).toContainText(`We sent a new confirmation link to ${user.email}`);
  await logOut(page, user.username);

  await page.goto(link);
  await expect(page.getByText('Sign in to confirm your address')).toBeVisible();
  await page.getByLabel('Username').fill(user.username);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByRole('main').getByRole('status')).toContainText('Your email address is confirmed');
  await expect(banner).toHaveCount(0);
});
