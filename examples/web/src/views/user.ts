import type { UserSummaryFragment } from '@flock/client';
import { h } from '../dom';
import { profileHref } from '../router';

/** A member's display name and @username, linking to their profile. */
export function userLink(user: UserSummaryFragment): HTMLElement {
  return h(
    'a',
    { href: profileHref(user.username), class: 'user-link', 'data-testid': 'user-link' },
    user.displayName ? h('span', { class: 'display-name' }, user.displayName, ' ') : null,
    h('span', { class: 'muted' }, `@${user.username}`),
  );
}
