import { expect, test, type Locator, type Page } from '@playwright/test';
import { uniqueUser } from './support/helpers';

/** The Swagger UI block of one operation (its id is `operations-<tag>-<Controller_method>`). */
const operation = (page: Page, tag: string, operationId: string) => page.locator(`#operations-${tag}-${operationId}`);

/** Expands an operation, presses "Try it out" and "Execute", and returns the live response's status. */
async function execute(block: Locator, body?: string): Promise<number> {
  await block.locator('.opblock-summary').first().click();
  await block.getByRole('button', { name: 'Try it out' }).click();
  if (body !== undefined) await block.locator('textarea.body-param__text').fill(body);
  await block.getByRole('button', { name: 'Execute' }).click();
  const status = block.locator('.live-responses-table .response .response-col_status').first();
  await expect(status).toHaveText(/^\d{3}/);
  return Number((await status.textContent())?.trim().slice(0, 3));
}

test('Swagger UI: register, authorize with the OAuth2 password form, then call protected routes as they come', async ({ page }) => {
  test.setTimeout(120_000);
  const user = uniqueUser('swagger');
  await page.goto('/docs');
  await expect(page.locator('.swagger-ui .information-container')).toBeVisible();

  // Public routes carry no lock; protected ones do.
  const register = operation(page, 'users', 'UsersController_register');
  await expect(register).toBeVisible();
  await expect(register.locator('.authorization__btn')).toHaveCount(0);
  await expect(operation(page, 'auth', 'TokenController_token').locator('.authorization__btn')).toHaveCount(0);
  await expect(operation(page, 'users', 'UsersController_me').locator('.authorization__btn')).toHaveCount(1);

  expect(await execute(register, JSON.stringify({ username: user.username, email: user.email, password: user.password }))).toBe(201);

  // The password form of the oauth2 scheme, not the bearer field.
  await page.locator('.scheme-container button.authorize').click();
  const oauth = page.locator('.modal-ux .auth-container').filter({ hasText: 'oauth2 (OAuth2, password)' });
  await oauth.locator('#oauth_username').fill(user.username);
  await oauth.locator('#oauth_password').fill(user.password);
  await oauth.getByRole('button', { name: 'Apply given OAuth2 credentials' }).click();
  await expect(oauth.getByRole('heading', { name: 'Authorized' })).toBeVisible();
  await oauth.getByRole('button', { name: 'Close' }).click();

  expect(await execute(operation(page, 'users', 'UsersController_me'))).toBe(200);
  // The example body as Swagger UI fills it in, untouched.
  expect(await execute(operation(page, 'tasks', 'TasksController_create'))).toBe(201);
  // No header to fill in: Cache-Control is optional.
  expect(await execute(operation(page, 'tasks', 'TasksController_list'))).toBe(200);
});
