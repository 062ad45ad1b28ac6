import { CreatePostDocument, type PostFieldsFragment } from '@flock/client';
import type { App } from '../app';
import { h } from '../dom';
import { describeError } from '../errors';

const MAX_LENGTH = 500;

/** The box to write a post in; `onPosted` gets the post the API created. */
export function composeBox(app: App, onPosted: (post: PostFieldsFragment) => void): HTMLElement {
  const body = h('textarea', {
    name: 'body',
    maxlength: MAX_LENGTH,
    placeholder: 'What’s happening?',
    'aria-label': 'New post',
    'data-testid': 'compose-body',
  });
  const left = h('span', { class: 'muted' }, String(MAX_LENGTH));
  const error = h('p', { class: 'form-error', role: 'alert', 'data-testid': 'compose-error' });
  const button = h('button', { type: 'submit', 'data-testid': 'compose-submit' }, 'Post');
  body.addEventListener('input', () => {
    left.textContent = String(MAX_LENGTH - body.value.length);
  });
  return h(
    'form',
    {
      class: 'card',
      'data-testid': 'compose',
      onsubmit: async (event) => {
        event.preventDefault();
        error.textContent = '';
        button.disabled = true;
        try {
          const { createPost } = await app.client.request(CreatePostDocument, { body: body.value });
          body.value = '';
          left.textContent = String(MAX_LENGTH);
          onPosted(createPost);
        } catch (caught) {
          error.textContent = describeError(caught);
        } finally {
          button.disabled = false;
        }
      },
    },
    body,
    error,
    h('div', { class: 'compose-row' }, left, button),
  );
}
