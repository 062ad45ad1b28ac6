import {
  FollowDocument,
  SuggestedFollowsDocument,
  type SuggestedFollowsQuery,
} from '@flock/client';
import type { App } from '../app';
import { h, replace } from '../dom';
import { describeError } from '../errors';
import { userLink } from './user';

/** "Who to follow": people the viewer's follows follow, each with a Follow button. */
export function suggestions(app: App): HTMLElement {
  const list = h('ul', { class: 'people' });
  const status = h('p', { class: 'muted' }, 'Loading…');
  const aside = h(
    'aside',
    { class: 'card', 'data-testid': 'suggestions', 'aria-busy': 'true' },
    h('h2', {}, 'Who to follow'),
    list,
    status,
  );
  const suggestion = (user: SuggestedFollowsQuery['suggestedFollows'][number]) => {
    const button = h(
      'button',
      { type: 'button', class: 'secondary', 'data-testid': 'suggestion-follow' },
      'Follow',
    );
    button.addEventListener('click', async () => {
      button.disabled = true;
      try {
        await app.client.request(FollowDocument, { userId: user.id });
        button.textContent = 'Following';
      } catch (error) {
        status.textContent = describeError(error);
        button.disabled = false;
      }
    });
    return h(
      'li',
      { 'data-testid': 'suggestion', 'data-username': user.username },
      h(
        'span',
        {},
        userLink(user),
        user.followsViewer ? h('span', { class: 'muted' }, ' · follows you') : null,
      ),
      button,
    );
  };
  void (async () => {
    try {
      const { suggestedFollows } = await app.client.request(SuggestedFollowsDocument, {
        first: 5,
      });
      replace(list, ...suggestedFollows.map(suggestion));
      status.textContent = suggestedFollows.length
        ? ''
        : 'Follow a few people and we will suggest whom they follow.';
    } catch (error) {
      status.textContent = describeError(error);
    } finally {
      aside.setAttribute('aria-busy', 'false');
    }
  })();
  return aside;
}
