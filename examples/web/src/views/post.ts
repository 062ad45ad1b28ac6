import {
  DeletePostDocument,
  LikePostDocument,
  type PostFieldsFragment,
  UnlikePostDocument,
} from '@flock/client';
import type { App } from '../app';
import { h } from '../dom';
import { describeError } from '../errors';
import { showNotice } from '../notice';
import { profileHref } from '../router';
import { userLink } from './user';

/** One post: author, time, body, likes; its author may delete it. */
export function postCard(app: App, post: PostFieldsFragment): HTMLElement {
  const likeCount = h('span', { 'data-testid': 'like-count' });
  const likeButton = h('button', {
    type: 'button',
    class: 'link like',
    'data-testid': 'like-button',
  });
  let liked = post.viewerHasLiked;
  const showLikes = (count: number) => {
    likeButton.setAttribute('aria-pressed', String(liked));
    likeButton.textContent = liked ? '♥ Liked' : '♡ Like';
    likeCount.textContent = String(count);
  };
  showLikes(post.likeCount);
  likeButton.addEventListener('click', async () => {
    likeButton.disabled = true;
    try {
      const variables = { id: post.id };
      const result = liked
        ? (await app.client.request(UnlikePostDocument, variables)).unlikePost
        : (await app.client.request(LikePostDocument, variables)).likePost;
      liked = result.viewerHasLiked;
      showLikes(result.likeCount);
    } catch (error) {
      showNotice(describeError(error));
    } finally {
      likeButton.disabled = false;
    }
  });

  const card = h(
    'article',
    { class: 'post', 'data-testid': 'post', 'data-post-id': post.id },
    h(
      'div',
      { class: 'post-head' },
      post.author ? userLink(post.author) : h('span', { class: 'muted' }, 'someone'),
      h(
        'time',
        { class: 'muted', datetime: post.createdAt, title: post.createdAt },
        ago(post.createdAt),
      ),
    ),
    post.replyTo?.author
      ? h(
          'div',
          { class: 'muted' },
          'replying to ',
          h(
            'a',
            { href: profileHref(post.replyTo.author.username) },
            `@${post.replyTo.author.username}`,
          ),
        )
      : null,
    h('p', { class: 'post-body', 'data-testid': 'post-body' }, post.body),
    h(
      'div',
      { class: 'post-actions' },
      likeButton,
      likeCount,
      h(
        'span',
        { class: 'muted' },
        `· ${post.replyCount} ${post.replyCount === 1 ? 'reply' : 'replies'}`,
      ),
    ),
  );
  if (post.author && post.author.id === app.viewer?.id) {
    const deleteButton = h(
      'button',
      { type: 'button', class: 'link', 'data-testid': 'delete-post' },
      'Delete',
    );
    deleteButton.addEventListener('click', async () => {
      deleteButton.disabled = true;
      try {
        await app.client.request(DeletePostDocument, { id: post.id });
        card.remove();
      } catch (error) {
        showNotice(describeError(error));
        deleteButton.disabled = false;
      }
    });
    card.querySelector('.post-actions')?.append(deleteButton);
  }
  return card;
}

/** "just now", "5 min", "3 h", else the date. */
function ago(iso: string): string {
  const seconds = (Date.now() - Date.parse(iso)) / 1000;
  if (seconds < 60) return 'just now';
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)} h`;
  return new Date(iso).toLocaleDateString();
}

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
