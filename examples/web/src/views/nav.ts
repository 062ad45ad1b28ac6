import type { App } from '../app';
import { h, replace } from '../dom';
import { profileHref } from '../router';

/** The top bar's links: the member's pages and Sign out, or the ways in. */
export function renderNav(nav: HTMLElement, app: App): void {
  const { viewer } = app;
  if (!viewer) {
    replace(
      nav,
      h('a', { href: '#/sign-in', 'data-testid': 'nav-sign-in' }, 'Sign in'),
      h('a', { href: '#/sign-up', 'data-testid': 'nav-sign-up' }, 'Sign up'),
    );
    return;
  }
  replace(
    nav,
    h('a', { href: '#/', 'data-testid': 'nav-home' }, 'Home'),
    h(
      'a',
      { href: profileHref(viewer.username), 'data-testid': 'nav-profile' },
      `@${viewer.username}`,
    ),
    h(
      'button',
      {
        type: 'button',
        class: 'secondary',
        'data-testid': 'sign-out',
        onclick: () => app.signOut(),
      },
      'Sign out',
    ),
  );
}
