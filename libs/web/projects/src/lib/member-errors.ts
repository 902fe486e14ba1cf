import { HttpErrorResponse } from '@angular/common/http';
import { describeHttpError, fieldErrorsOf } from '@taskflow/web-ui';

export type MemberAction = 'add' | 'change-role' | 'remove' | 'leave';

/**
 * Why the API refused a members write, in words. The contract's 409s all have one cause per
 * action (the private Inbox or an existing member on add, the last owner otherwise), and a 403
 * means "only an owner may", so each gets a sentence that says what to do instead.
 */
export function describeMemberError(action: MemberAction, error: unknown, context: { username?: string; isDefault?: boolean } = {}): string {
  if (!(error instanceof HttpErrorResponse)) return describeHttpError(error);
  const who = context.username ? `“${context.username}”` : 'That user';
  switch (error.status) {
    case 400: {
      const username = fieldErrorsOf(error).find((field) => field.field === 'username');
      if (username && action === 'add') return `No one is called ${who}. Check the spelling of the username.`;
      return describeHttpError(error);
    }
    case 403:
      return action === 'remove'
        ? 'Only an owner of this project can remove other members. You can still leave it yourself.'
        : 'Only an owner of this project can add members or change roles.';
    case 404:
      return 'This project no longer exists, or you are no longer a member of it.';
    case 409:
      if (action === 'add') {
        if (context.isDefault || !fieldErrorsOf(error).some((field) => field.field === 'username')) {
          return 'The Inbox is private and cannot be shared. Create a project to work on tasks with others.';
        }
        return `${who} is already a member of this project.`;
      }
      if (action === 'leave') return 'You are the last owner of this project: make another member an owner before you leave.';
      return 'A project needs at least one owner: make another member an owner first.';
  }
  return describeHttpError(error);
}
