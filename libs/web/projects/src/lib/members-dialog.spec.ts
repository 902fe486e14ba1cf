import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { MatDialog } from '@angular/material/dialog';
import type { Member, Project } from '@taskflow/shared-contracts';
import { CURRENT_USER_ID } from '@taskflow/web-auth';
import { MembersDialogResult, openMembersDialog } from './members-dialog';
import { aProject } from './testing';

const aMember = (userId: string, username: string, role: Member['role']): Member => ({ userId, username, role, addedAt: '2026-01-01T00:00:00Z' });

describe('MembersDialog', () => {
  let backend: HttpTestingController;
  let closedWith: MembersDialogResult | 'open';
  const alice = aMember('u-alice', 'alice', 'owner');
  const bob = aMember('u-bob', 'bob', 'viewer');
  const membersUrl = (id: string) => `/api/projects/${id}/members`;

  const settle = async () => {
    TestBed.tick();
    await new Promise((resolve) => setTimeout(resolve));
    TestBed.tick();
  };
  const pane = () => document.querySelector('tf-members-dialog') as HTMLElement;
  const alert = () => pane().querySelector('[role="alert"]')?.textContent?.trim() ?? '';
  const buttons = () => Array.from(pane().querySelectorAll<HTMLButtonElement>('button')).map((b) => b.textContent?.trim());
  const button = (label: string, root: ParentNode = pane()) =>
    Array.from(root.querySelectorAll<HTMLButtonElement>('button')).find((b) => b.textContent?.trim() === label) as HTMLButtonElement;
  const confirm = async () => {
    const dialogs = Array.from(document.querySelectorAll('tf-confirm-dialog'));
    button(dialogs.length ? (dialogs[0].querySelector('.tf-danger')?.textContent?.trim() ?? '') : '', dialogs[0]).click();
    await settle();
  };

  async function open(project: Project, members: Member[] = [alice, bob], me = 'u-alice') {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: CURRENT_USER_ID, useValue: signal(me) },
        { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
      ],
    });
    backend = TestBed.inject(HttpTestingController);
    closedWith = 'open';
    openMembersDialog(TestBed.inject(MatDialog), project).subscribe((result) => (closedWith = result));
    await settle();
    backend.expectOne({ method: 'GET', url: membersUrl(project.id) }).flush({ items: members });
    await settle();
  }

  afterEach(() => {
    TestBed.inject(MatDialog).closeAll();
    backend.verify();
  });

  it('lists the members with their roles, marks you, and gives an owner role selects, Remove and an add form', async () => {
    await open(aProject('p1', { name: 'Garden', memberCount: 2 }));
    const rows = Array.from(pane().querySelectorAll<HTMLElement>('.tf-member'));
    expect(rows.map((row) => row.dataset['username'])).toEqual(['alice', 'bob']);
    expect(rows[0].textContent).toContain('(you)');
    expect(pane().querySelector('[aria-label="Role of bob"]')).not.toBeNull();
    expect(buttons()).toEqual(expect.arrayContaining(['Leave', 'Remove', 'Add', 'Close']));
    expect(pane().querySelector('input[name="username"]')).not.toBeNull();
  });

  it('shows a viewer the members and Leave only: no role selects, no Remove, no add form', async () => {
    await open(aProject('p1', { role: 'viewer' }), [alice, bob], 'u-bob');
    expect(pane().querySelector('mat-select')).toBeNull();
    expect(pane().querySelector('input[name="username"]')).toBeNull();
    expect(buttons()).not.toContain('Remove');
    expect(buttons()).toContain('Leave');
    expect(pane().querySelector('[role="note"]')?.textContent).toContain('Only an owner can add members');
    expect(Array.from(pane().querySelectorAll('.tf-role')).map((r) => r.textContent?.trim())).toEqual(['Owner', 'Viewer']);
  });

  it('adds a member by username with the chosen role, then reloads the list and reports a change', async () => {
    await open(aProject('p1'));
    const input = pane().querySelector<HTMLInputElement>('input[name="username"]') as HTMLInputElement;
    input.value = ' carol ';
    input.dispatchEvent(new Event('input'));
    await settle();
    pane().querySelector<HTMLFormElement>('.tf-add-member')?.requestSubmit();
    await settle();
    const post = backend.expectOne({ method: 'POST', url: membersUrl('p1') });
    expect(post.request.body).toEqual({ username: 'carol', role: 'editor' });
    post.flush(aMember('u-carol', 'carol', 'editor'), { status: 201, statusText: 'Created' });
    await settle();
    backend.expectOne({ method: 'GET', url: membersUrl('p1') }).flush({ items: [alice, bob, aMember('u-carol', 'carol', 'editor')] });
    await settle();
    expect(pane().querySelectorAll('.tf-member')).toHaveLength(3);
    expect(input.value).toBe('');
    button('Close').click();
    await settle();
    expect(closedWith).toBe('changed');
  });

  it('explains an unknown username and an existing member in words', async () => {
    await open(aProject('p1'));
    const input = pane().querySelector<HTMLInputElement>('input[name="username"]') as HTMLInputElement;
    const submit = async (name: string) => {
      input.value = name;
      input.dispatchEvent(new Event('input'));
      await settle();
      pane().querySelector<HTMLFormElement>('.tf-add-member')?.requestSubmit();
      await settle();
    };
    await submit('nobody');
    backend.expectOne({ method: 'POST', url: membersUrl('p1') }).flush(
      { status: 400, title: 'Bad Request', detail: 'No user has that username.', errors: [{ field: 'username', message: 'No user has that username.' }] },
      { status: 400, statusText: 'Bad Request' },
    );
    await settle();
    backend.expectOne({ method: 'GET', url: membersUrl('p1') }).flush({ items: [alice, bob] });
    await settle();
    expect(alert()).toBe('No one is called “nobody”. Check the spelling of the username.');

    await submit('bob');
    backend.expectOne({ method: 'POST', url: membersUrl('p1') }).flush(
      { status: 409, title: 'Conflict', detail: 'That user is already a member of this project.', errors: [{ field: 'username', message: '…' }] },
      { status: 409, statusText: 'Conflict' },
    );
    await settle();
    backend.expectOne({ method: 'GET', url: membersUrl('p1') }).flush({ items: [alice, bob] });
    await settle();
    expect(alert()).toBe('“bob” is already a member of this project.');
  });

  it('says why the last owner cannot step down, and puts the role back as the server kept it', async () => {
    await open(aProject('p1'), [alice]);
    const select = pane().querySelector('[aria-label="Role of alice"]') as HTMLElement;
    select.click();
    await settle();
    Array.from(document.querySelectorAll<HTMLElement>('mat-option'))
      .find((option) => option.textContent?.trim() === 'Viewer')
      ?.click();
    await settle();
    const patch = backend.expectOne({ method: 'PATCH', url: `${membersUrl('p1')}/u-alice` });
    expect(patch.request.body).toEqual({ role: 'viewer' });
    patch.flush({ status: 409, title: 'Conflict', detail: 'The project would be left without an owner.' }, { status: 409, statusText: 'Conflict' });
    await settle();
    backend.expectOne({ method: 'GET', url: membersUrl('p1') }).flush({ items: [alice] });
    await settle();
    expect(alert()).toBe('A project needs at least one owner: make another member an owner first.');
    expect(pane().querySelector('[aria-label="Role of alice"]')?.textContent?.trim()).toBe('Owner');
  });

  it('leaves after a confirmation and closes with "left"; the last owner is told to hand over first', async () => {
    await open(aProject('p1'), [alice, bob], 'u-bob');
    button('Leave').click();
    await settle();
    await confirm();
    backend.expectOne({ method: 'DELETE', url: `${membersUrl('p1')}/u-bob` }).flush(null, { status: 204, statusText: 'No Content' });
    await settle();
    expect(closedWith).toBe('left');
  });

  it('tells the last owner to hand over before leaving', async () => {
    await open(aProject('p1'), [alice, bob], 'u-alice');
    button('Leave').click();
    await settle();
    await confirm();
    backend
      .expectOne({ method: 'DELETE', url: `${membersUrl('p1')}/u-alice` })
      .flush({ status: 409, title: 'Conflict', detail: 'The project would be left without an owner.' }, { status: 409, statusText: 'Conflict' });
    await settle();
    expect(alert()).toBe('You are the last owner of this project: make another member an owner before you leave.');
    expect(closedWith).toBe('open');
  });

  it('explains a 403 as a role question, not a generic error', async () => {
    await open(aProject('p1'));
    button('Remove').click();
    await settle();
    await confirm();
    backend
      .expectOne({ method: 'DELETE', url: `${membersUrl('p1')}/u-bob` })
      .flush({ status: 403, title: 'Forbidden', detail: 'Only an owner may remove another member; you may remove yourself.' }, { status: 403, statusText: 'Forbidden' });
    await settle();
    backend.expectOne({ method: 'GET', url: membersUrl('p1') }).flush({ items: [alice, bob] });
    await settle();
    expect(alert()).toBe('Only an owner of this project can remove other members. You can still leave it yourself.');
  });

  it('says the Inbox cannot be shared and offers no add form there', async () => {
    await open(aProject('p-inbox', { name: 'Inbox', isDefault: true }), [alice]);
    expect(pane().querySelector('[role="note"]')?.textContent).toContain('Inbox is private');
    expect(pane().querySelector('input[name="username"]')).toBeNull();
    expect(buttons()).not.toContain('Leave');
  });
});
