import {
  FollowDocument,
  UnfollowDocument,
  UserByUsernameDocument,
  UserTimelineDocument,
} from '@flock/client';
import type { App } from '../app';
import { h, replace } from '../dom';
import { describeError, partialData } from '../errors';
import { timeline } from './timeline';

const PAGE_SIZE = 20;

/** A member's page: who they are, their counts, Follow/Unfollow, their timeline. */
export function profileView(app: App, username: string): HTMLElement {
  const head = h(
    'section',
    { class: 'card', 'data-testid': 'profile', 'aria-busy': 'true' },
    h('p', { class: 'muted' }, 'Loading…'),
  );
  const page = h('div', {}, head);
  void (async () => {
    try {
      // Partial: with the follow graph down the counts are null and the rest still shows.
      const { user } = await partialData(app.client.execute(UserByUsernameDocument, { username }));
      if (!user) {
        replace(
          head,
          h('p', { 'data-testid': 'profile-missing' }, `There is no @${username} on Flock.`),
        );
        return;
      }
      const followers = h('strong', { 'data-testid': 'follower-count' });
      const following = h('strong', { 'data-testid': 'following-count' });
      const showCounts = (followerCount: number | null, followingCount: number | null) => {
        // Null only while the follow graph cannot answer.
        followers.textContent = followerCount === null ? '–' : String(followerCount);
        following.textContent = followingCount === null ? '–' : String(followingCount);
      };
      showCounts(user.followerCount, user.followingCount);
      const error = h('p', { class: 'form-error', role: 'alert', 'data-testid': 'profile-error' });
      const isViewer = user.id === app.viewer?.id;
      let follows = user.viewerFollows === true;
      const followButton = h('button', {
        type: 'button',
        'data-testid': 'follow-button',
        hidden: isViewer,
      });
      const showFollow = () => {
        followButton.textContent = follows ? 'Unfollow' : 'Follow';
        followButton.className = follows ? 'secondary' : '';
      };
      showFollow();
      followButton.addEventListener('click', async () => {
        followButton.disabled = true;
        error.textContent = '';
        try {
          const variables = { userId: user.id };
          const changed = follows
            ? (await app.client.request(UnfollowDocument, variables)).unfollow
            : (await app.client.request(FollowDocument, variables)).follow;
          follows = changed.viewerFollows === true;
          showFollow();
          showCounts(changed.followerCount, user.followingCount);
        } catch (caught) {
          error.textContent = describeError(caught);
        } finally {
          followButton.disabled = false;
        }
      });
      replace(
        head,
        h(
          'div',
          { class: 'profile-head' },
          h(
            'div',
            {},
            h('h1', { 'data-testid': 'profile-name' }, user.displayName || user.username),
            h('span', { class: 'muted', 'data-testid': 'profile-username' }, `@${user.username}`),
            user.followsViewer
              ? h('span', { class: 'muted', 'data-testid': 'follows-you' }, ' · follows you')
              : null,
          ),
          followButton,
        ),
        user.bio ? h('p', {}, user.bio) : null,
        h(
          'div',
          { class: 'counts' },
          h('span', {}, followers, ' followers'),
          h('span', {}, following, ' following'),
        ),
        error,
      );
      const posts = timeline(app, 'profile-timeline', 'No posts yet.', async (after) => {
        const result = await partialData(
          app.client.execute(UserTimelineDocument, {
            username,
            first: PAGE_SIZE,
            after,
          }),
        );
        return result.user?.timeline ?? null;
      });
      page.append(h('section', { class: 'card' }, h('h2', {}, 'Posts'), posts.element));
    } catch (caught) {
      replace(
        head,
        h('p', { class: 'form-error', 'data-testid': 'profile-error' }, describeError(caught)),
      );
    } finally {
      head.setAttribute('aria-busy', 'false');
    }
  })();
  return page;
}
