/** The app's pages, from the location's hash (`#/`, `#/sign-in`, `#/u/alice`). */
export type Route =
  | { page: 'home' }
  | { page: 'sign-in' }
  | { page: 'sign-up' }
  | { page: 'profile'; username: string }
  | { page: 'not-found' };

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '') || '/';
  if (path === '/') return { page: 'home' };
  if (path === '/sign-in') return { page: 'sign-in' };
  if (path === '/sign-up') return { page: 'sign-up' };
  const profile = /^\/u\/([^/]+)$/.exec(path);
  const username = profile?.[1] === undefined ? undefined : decoded(profile[1]);
  if (username) return { page: 'profile', username };
  return { page: 'not-found' };
}

/** The text of a percent-encoded segment; undefined when it is malformed (`%E0%A4%A`). */
function decoded(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

export const profileHref = (username: string) => `#/u/${encodeURIComponent(username)}`;

/** Goes to a page; the hashchange listener renders it. */
export function navigate(hash: string): void {
  if (location.hash === hash) window.dispatchEvent(new HashChangeEvent('hashchange'));
  else location.hash = hash;
}
