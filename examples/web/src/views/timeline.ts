import type { PostFieldsFragment } from '@flock/client';
import type { App } from '../app';
import { h } from '../dom';
import { describeError } from '../errors';
import { postCard } from './post';

/** A page of a timeline as the API gives it (homeFeed, User.timeline); null when the feed is down. */
export interface TimelinePage {
  edges: { cursor: string; node: PostFieldsFragment | null }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/**
 * A timeline, newest first, paged with "Load more" (the API's cursors). `prepend` shows a
 * post just written without waiting for the feed to deliver it.
 */
export function timeline(
  app: App,
  testId: string,
  emptyText: string,
  load: (after: string | null) => Promise<TimelinePage | null>,
): { element: HTMLElement; prepend(post: PostFieldsFragment): void } {
  const posts = h('div', { class: 'posts' });
  const status = h('p', { class: 'muted', 'data-testid': `${testId}-status` });
  const more = h(
    'button',
    { type: 'button', class: 'secondary', 'data-testid': 'load-more', hidden: true },
    'Load more',
  );
  let cursor: string | null = null;
  const seen = new Set<string>();

  const section = h('section', { 'data-testid': testId, 'aria-busy': 'true' }, posts, status, more);
  const loadPage = async () => {
    more.disabled = true;
    section.setAttribute('aria-busy', 'true');
    try {
      const page = await load(cursor);
      if (!page) {
        status.textContent = 'The timeline is unavailable right now.';
        more.textContent = 'Try again';
        more.hidden = false;
        return;
      }
      for (const { node } of page.edges) {
        // Between a deletion and the feed hearing of it an entry has no post: skip it.
        if (!node || seen.has(node.id)) continue;
        seen.add(node.id);
        posts.append(postCard(app, node));
      }
      cursor = page.pageInfo.endCursor;
      more.hidden = !page.pageInfo.hasNextPage;
      more.textContent = 'Load more';
      status.textContent = seen.size === 0 ? emptyText : '';
    } catch (error) {
      status.textContent = describeError(error);
      more.textContent = 'Try again';
      more.hidden = false;
    } finally {
      more.disabled = false;
      section.setAttribute('aria-busy', 'false');
    }
  };
  more.addEventListener('click', loadPage);
  void loadPage();

  return {
    element: section,
    prepend(post) {
      if (seen.has(post.id)) return;
      seen.add(post.id);
      status.textContent = '';
      posts.prepend(postCard(app, post));
    },
  };
}
