import { APIRequestContext, Browser, Page, expect, test } from '@playwright/test';
import { createTaskViaApi, expectAccessible, logIn, registerViaApi, screenshot, tokenViaApi, uniqueUser } from './support/helpers';

async function api(request: APIRequestContext, token: string, method: 'post' | 'get', url: string, data?: unknown) {
  const response = await request[method](url, { data, headers: { Authorization: `Bearer ${token}` } });
  expect(response.ok(), await response.text()).toBe(true);
  return response.json();
}

async function signedIn(browser: Browser, user: { username: string; password: string }, options: Parameters<Browser['newContext']>[0] = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, ...options });
  const page = await context.newPage();
  await logIn(page, user.username, user.password);
  return { context, page };
}

const openProject = async (page: Page, name: string) => {
  await page.getByRole('navigation', { name: 'Projects' }).getByRole('link', { name }).click();
  await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
};

test('an owner shares a project with a viewer: members, assignee, comments, read-only screens and the activity feed', async ({ browser, request }) => {
  const owner = uniqueUser('own');
  const viewer = uniqueUser('vwr');
  await registerViaApi(request, owner);
  await registerViaApi(request, viewer);
  const ownerToken = await tokenViaApi(request, owner.username, owner.password);
  const project = await api(request, ownerToken, 'post', '/api/projects', { name: 'Garden' });
  await createTaskViaApi(request, ownerToken, { title: 'Plant tulips', projectId: project.id });

  const asOwner = await signedIn(browser, owner);
  const asViewer = await signedIn(browser, viewer);
  try {
    const o = asOwner.page;
    await openProject(o, 'Garden');

    // Members dialog: the owner adds the viewer by username, as a viewer.
    await o.getByRole('button', { name: 'Actions for Garden' }).click();
    await o.getByRole('menuitem', { name: 'Members' }).click();
    const members = o.getByRole('dialog', { name: 'Members of “Garden”' });
    await expect(members.locator('.tf-member')).toHaveCount(1);
    await expect(members.locator('.tf-member')).toContainText(`${owner.username} (you)`);
    await members.getByLabel('Username').fill(viewer.username);
    await members.getByRole('combobox', { name: 'Role', exact: true }).click();
    await o.getByRole('option', { name: 'Viewer' }).click();
    await members.getByRole('button', { name: 'Add', exact: true }).click();
    await expect(members.locator('.tf-member')).toHaveCount(2);
    await expect(members.getByRole('combobox', { name: `Role of ${viewer.username}` })).toHaveText('Viewer');
    // The API refuses to leave the project without an owner; the dialog says why, in words.
    await members.getByRole('combobox', { name: `Role of ${owner.username}` }).click();
    await o.getByRole('option', { name: 'Editor' }).click();
    await expect(members.getByRole('alert')).toHaveText('A project needs at least one owner: make another member an owner first.');
    await expect(members.getByRole('combobox', { name: `Role of ${owner.username}` })).toHaveText('Owner');
    // An unknown username is explained too.
    await members.getByLabel('Username').fill('nobody_here_at_all');
    await members.getByRole('button', { name: 'Add', exact: true }).click();
    await expect(members.getByRole('alert')).toHaveText('No one is called “nobody_here_at_all”. Check the spelling of the username.');
    await expectAccessible(o, 'members dialog (owner)');
    await members.getByRole('button', { name: 'Close' }).click();
    await expect(o.getByRole('button', { name: 'Members (2)' })).toBeVisible();

    // Assignee picker: only the project's members; the row then shows the assignee's initials.
    await o.getByRole('button', { name: 'Edit “Plant tulips”' }).click();
    const taskDialog = o.getByRole('dialog');
    await taskDialog.getByRole('combobox', { name: 'Assignee' }).click();
    await expect(o.getByRole('option')).toHaveText(['Unassigned', new RegExp(`${owner.username}$`), new RegExp(`${viewer.username}$`)]);
    await o.getByRole('option', { name: new RegExp(`${viewer.username}$`) }).click();
    await taskDialog.getByRole('button', { name: 'Save' }).click();
    await expect(taskDialog).toBeHidden();
    await expect(o.locator('tf-task-row').getByRole('img', { name: `Assigned to ${viewer.username}` })).toBeVisible();

    // Comments thread: add (markup stays text), edit your own.
    await o.getByRole('button', { name: 'Edit “Plant tulips”' }).click();
    await taskDialog.getByRole('tab', { name: 'Comments' }).click();
    await expect(taskDialog.getByText('No comments yet.')).toBeVisible();
    await taskDialog.getByLabel('Add a comment').fill('Bulbs are in the <b>shed</b>');
    await taskDialog.getByRole('button', { name: 'Comment', exact: true }).click();
    const ownerComment = taskDialog.locator('.tf-comment').first();
    await expect(ownerComment.locator('.tf-comment-body')).toHaveText('Bulbs are in the <b>shed</b>');
    await expect(ownerComment.locator('.tf-comment-body b')).toHaveCount(0);
    await ownerComment.getByRole('button', { name: /^Edit your comment/ }).click();
    await ownerComment.getByLabel('Edit comment').fill('Bulbs are in the shed, left shelf');
    await ownerComment.getByRole('button', { name: 'Save' }).click();
    await expect(ownerComment.locator('.tf-comment-body')).toHaveText('Bulbs are in the shed, left shelf');
    await expect(ownerComment).toContainText('(edited)');
    await expectAccessible(o, 'comments thread (owner)');
    await o.keyboard.press('Escape');
    await expect(taskDialog).toBeHidden();

    // The viewer: the project is there, read-only; no edit controls anywhere.
    const v = asViewer.page;
    await v.reload();
    const viewerSidebar = v.getByRole('navigation', { name: 'Projects' });
    await expect(viewerSidebar.getByRole('link', { name: /Garden/ })).toContainText('view only');
    await viewerSidebar.getByRole('link', { name: /Garden/ }).click();
    await expect(v.getByRole('heading', { name: 'Garden', level: 1 })).toBeVisible();
    await expect(v.getByRole('note')).toHaveText('You can view this project but not change it.');
    await expect(v.getByLabel('Add a task')).toBeHidden();
    await expect(v.getByRole('button', { name: 'Select' })).toHaveCount(0);
    await expect(v.getByRole('button', { name: 'Delete “Plant tulips”' })).toHaveCount(0);
    await expect(v.getByRole('checkbox', { name: 'Mark “Plant tulips” as done' })).toBeDisabled();
    await expect(v.locator('tf-task-row').getByRole('img', { name: `Assigned to ${viewer.username}` })).toBeVisible();
    await v.getByRole('button', { name: 'Edit “Plant tulips”' }).click();
    const viewerDialog = v.getByRole('dialog');
    await expect(viewerDialog.getByRole('heading', { name: 'Task', exact: true })).toBeVisible();
    await expect(viewerDialog.getByLabel('Title')).toBeDisabled();
    await expect(viewerDialog.getByRole('combobox', { name: 'Assignee' })).toHaveAttribute('aria-disabled', 'true');
    await expect(viewerDialog.getByRole('button', { name: 'Save' })).toHaveCount(0);
    await expect(viewerDialog.getByRole('button', { name: 'Delete' })).toHaveCount(0);
    await expect(viewerDialog.getByLabel('Add a tag')).toHaveCount(0);
    await screenshot(v, 'task-dialog-viewer-light-desktop', false);
    // A viewer reads and adds comments, but cannot edit or delete someone else's.
    await viewerDialog.getByRole('tab', { name: 'Comments' }).click();
    await expect(viewerDialog.locator('.tf-comment-body')).toHaveText(['Bulbs are in the shed, left shelf']);
    await expect(viewerDialog.locator('.tf-comment').first().getByRole('button')).toHaveCount(0);
    await viewerDialog.getByLabel('Add a comment').fill('Which shelf exactly?');
    await viewerDialog.getByRole('button', { name: 'Comment', exact: true }).click();
    await expect(viewerDialog.locator('.tf-comment-body')).toHaveText(['Bulbs are in the shed, left shelf', 'Which shelf exactly?']);
    await expect(viewerDialog.locator('.tf-comment').nth(1).getByRole('button', { name: /^Edit your comment/ })).toBeVisible();
    await expectAccessible(v, 'comments thread (viewer)');
    await v.keyboard.press('Escape');
    // The board: no Move menus, and the members dialog without edit controls.
    await v.getByRole('link', { name: 'Board view' }).click();
    await expect(v.locator('.tf-card')).toHaveCount(1);
    await expect(v.getByRole('button', { name: 'Move “Plant tulips”' })).toHaveCount(0);
    await v.getByRole('button', { name: 'Members (2)' }).click();
    const viewerMembers = v.getByRole('dialog', { name: 'Members of “Garden”' });
    await expect(viewerMembers.locator('.tf-member')).toHaveCount(2);
    await expect(viewerMembers.getByRole('combobox')).toHaveCount(0);
    await expect(viewerMembers.getByLabel('Username')).toHaveCount(0);
    await expect(viewerMembers.getByRole('button', { name: /^Remove/ })).toHaveCount(0);
    await expect(viewerMembers.getByRole('button', { name: 'Leave' })).toBeVisible();
    await expectAccessible(v, 'members dialog (viewer)');
    await viewerMembers.getByRole('button', { name: 'Close' }).click();

    // The owner sees the viewer's comment and, as an owner, may delete it (not edit it).
    await o.getByRole('button', { name: 'Edit “Plant tulips”' }).click();
    await taskDialog.getByRole('tab', { name: 'Comments' }).click();
    const viewerComment = taskDialog.locator('.tf-comment').nth(1);
    await expect(viewerComment.locator('.tf-comment-body')).toHaveText('Which shelf exactly?');
    await expect(viewerComment.getByRole('button', { name: /^Edit/ })).toHaveCount(0);
    await viewerComment.getByRole('button', { name: /^Delete comment by/ }).click();
    await o.getByRole('alertdialog').getByRole('button', { name: 'Delete' }).click();
    await expect(taskDialog.locator('.tf-comment-body')).toHaveText(['Bulbs are in the shed, left shelf']);
    await o.keyboard.press('Escape');

    // The activity feed: who did what, with the task named and the assignee by name.
    await o.getByRole('link', { name: 'Activity' }).click();
    await expect(o).toHaveURL(new RegExp(`/tasks/activity\\?project=${project.id}$`));
    const feed = o.getByRole('list', { name: 'Project activity' });
    await expect(feed.locator(':scope > li')).toHaveCount(2);
    await expect(feed.locator(':scope > li').first()).toContainText(`${owner.username} changed “Plant tulips”`);
    await expect(feed.locator(':scope > li').first()).toContainText(`assigned to ${viewer.username}`);
    await expect(feed.locator(':scope > li').last()).toContainText(`${owner.username} created “Plant tulips”`);
    await expectAccessible(o, 'activity feed');

    // Filters live in the URL: reload and Back restore them.
    await o.getByRole('link', { name: 'List view' }).click();
    await o.getByLabel('Search').fill('tulips');
    await expect(o).toHaveURL(/[?&]q=tulips/);
    await o.reload();
    await expect(o.getByLabel('Search')).toHaveValue('tulips');
    await expect(o.locator('tf-task-row')).toHaveCount(1);
    await o.getByLabel('Search').fill('roses');
    await expect(o).toHaveURL(/[?&]q=roses/);
    await expect(o.locator('tf-task-row')).toHaveCount(0);
    await o.goBack();
    await expect(o.getByLabel('Search')).toHaveValue('tulips');
    await expect(o.locator('tf-task-row')).toHaveCount(1);
    await expect(o).toHaveURL(new RegExp(`project=${project.id}`));
  } finally {
    await asOwner.context.close();
    await asViewer.context.close();
  }
});

const sizes = [
  { name: 'desktop', viewport: { width: 1280, height: 800 } },
  { name: 'phone', viewport: { width: 390, height: 844 } },
] as const;

test('members dialog and comments thread: accessible and photographed, light and dark, desktop and phone', async ({ browser, request }) => {
  const owner = uniqueUser('shw');
  const viewer = uniqueUser('shv');
  await registerViaApi(request, owner);
  await registerViaApi(request, viewer);
  const ownerToken = await tokenViaApi(request, owner.username, owner.password);
  const viewerToken = await tokenViaApi(request, viewer.username, viewer.password);
  const project = await api(request, ownerToken, 'post', '/api/projects', { name: 'Team retro' });
  await api(request, ownerToken, 'post', `/api/projects/${project.id}/members`, { username: viewer.username, role: 'viewer' });
  const me = await api(request, ownerToken, 'get', '/api/users/me');
  const task = await createTaskViaApi(request, ownerToken, { title: 'Collect topics', projectId: project.id, assigneeId: me.id, tags: ['team'] });
  await api(request, ownerToken, 'post', `/api/tasks/${task.id}/comments`, { body: 'Please add your topics by Thursday.\nOne per line.' });
  await api(request, viewerToken, 'post', `/api/tasks/${task.id}/comments`, { body: 'Added two: on-call load and the release checklist.' });

  for (const scheme of ['light', 'dark'] as const) {
    for (const size of sizes) {
      const { context, page } = await signedIn(browser, owner, { colorScheme: scheme, viewport: size.viewport });
      const suffix = `${scheme}-${size.name}`;
      try {
        await page.goto(`/tasks/board?project=${project.id}`);
        await expect(page.locator('.tf-card')).toHaveCount(1);
        await expect(page.locator('.tf-card').getByRole('img', { name: `Assigned to ${owner.username}` })).toBeVisible();
        await screenshot(page, `team-board-${suffix}`);
        await page.getByRole('button', { name: 'Members (2)' }).click();
        const members = page.getByRole('dialog', { name: 'Members of “Team retro”' });
        await expect(members.locator('.tf-member')).toHaveCount(2);
        await expectAccessible(page, `members dialog ${suffix}`);
        await screenshot(page, `members-dialog-${suffix}`, false);
        await members.getByRole('button', { name: 'Close' }).click();

        await page.getByRole('button', { name: 'Collect topics', exact: true }).click();
        const dialog = page.getByRole('dialog');
        await expect(dialog.getByRole('combobox', { name: 'Assignee' })).toHaveText(owner.username);
        await screenshot(page, `task-details-${suffix}`, false);
        await dialog.getByRole('tab', { name: 'Comments' }).click();
        await expect(dialog.locator('.tf-comment')).toHaveCount(2);
        await expectAccessible(page, `comments thread ${suffix}`);
        await screenshot(page, `task-comments-${suffix}`, false);
        await page.keyboard.press('Escape');

        await page.goto(`/tasks/activity?project=${project.id}`);
        await expect(page.getByRole('list', { name: 'Project activity' }).locator(':scope > li')).toHaveCount(1);
        await expectAccessible(page, `activity ${suffix}`);
        await screenshot(page, `project-activity-${suffix}`);
      } finally {
        await context.close();
      }
    }
  }
});
