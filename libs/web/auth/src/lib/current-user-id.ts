import { InjectionToken, Signal, computed, inject } from '@angular/core';
import { AuthStore } from './auth-store';

/**
 * The signed-in user's id, or null before `/api/users/me` answers. A token rather than `AuthStore`
 * itself, so screens that only need to know "is this mine?" (comments, members) can be tested
 * with a plain signal instead of a whole session.
 */
export const CURRENT_USER_ID = new InjectionToken<Signal<string | null>>('CURRENT_USER_ID', {
  providedIn: 'root',
  factory: () => {
    const auth = inject(AuthStore);
    return computed(() => auth.user()?.id ?? null);
  },
});
