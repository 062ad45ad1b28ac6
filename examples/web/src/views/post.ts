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
