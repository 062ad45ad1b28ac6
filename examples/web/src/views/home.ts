import { HomeFeedDocument } from '@flock/client';
import type { App } from '../app';
import { h } from '../dom';
import { partialData } from '../errors';
import { composeBox } from './compose';
import { suggestions } from './suggestions';
import { timeline } from './timeline';

const PAGE_SIZE = 20;

/** The home timeline (own posts and followed people's) under the compose box; suggestions aside. */
export function homeView(app: App): HTMLElement {
  const feed = timeline(
    app,
    'home-feed',
    'Nothing here yet. Write something, or follow people to see their posts.',
    // A partial answer still shows: posts whose author identity could not give, say.
    async (after) =>
      (await partialData(app.client.execute(HomeFeedDocument, { first: PAGE_SIZE, after })))
        .homeFeed,
  );
  return h(
    'div',
    { class: 'columns', 'data-testid': 'home' },
    h(
      'div',
      {},
      composeBox(app, feed.prepend),
      h('div', { class: 'card' }, h('h2', {}, 'Home'), feed.element),
    ),
    suggestions(app),
  );
}
