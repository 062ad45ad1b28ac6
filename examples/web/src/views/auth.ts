import type { App } from '../app';
import { h } from '../dom';
import { describeError, fieldProblems } from '../errors';

interface Field {
  name: string;
  label: string;
  type: string;
  autocomplete: string;
  required?: boolean;
}

/** A form whose inputs each show their own error, and one line for any other. */
function authForm(
  id: string,
  title: string,
  fields: Field[],
  submitLabel: string,
  submit: (values: Record<string, string>) => Promise<void>,
  footer: HTMLElement,
): HTMLElement {
  const errors = new Map<string, HTMLElement>();
  const formError = h('p', { class: 'form-error', 'data-testid': `${id}-error`, role: 'alert' });
  const button = h('button', { type: 'submit', 'data-testid': `${id}-submit` }, submitLabel);
  const form = h(
    'form',
    {
      class: 'card',
      'data-testid': id,
      novalidate: true,
      onsubmit: async (event) => {
        event.preventDefault();
        for (const error of [formError, ...errors.values()]) error.textContent = '';
        const values = Object.fromEntries(
          fields.map((field) => [field.name, String(new FormData(form).get(field.name) ?? '')]),
        );
        button.disabled = true;
        try {
          await submit(values);
        } catch (error) {
          const problems = fieldProblems(error).filter(({ field }) => errors.has(field));
          for (const { field, message } of problems) {
            const fieldError = errors.get(field);
            if (fieldError) fieldError.textContent = message;
          }
          if (problems.length === 0) formError.textContent = describeError(error);
        } finally {
          button.disabled = false;
        }
      },
    },
    h('h2', {}, title),
    ...fields.map((field) => {
      const error = h('span', { class: 'field-error', 'data-testid': `${id}-${field.name}-error` });
      errors.set(field.name, error);
      return h(
        'label',
        {},
        field.label,
        h('input', {
          name: field.name,
          type: field.type,
          autocomplete: field.autocomplete,
          required: field.required ?? true,
          'data-testid': `${id}-${field.name}`,
        }),
        error,
      );
    }),
    formError,
    button,
  );
  return h('div', { class: 'narrow' }, form, footer);
}

export function signUpView(app: App): HTMLElement {
  return authForm(
    'sign-up',
    'Join Flock',
    [
      { name: 'username', label: 'Username', type: 'text', autocomplete: 'username' },
      {
        name: 'displayName',
        label: 'Display name',
        type: 'text',
        autocomplete: 'name',
        required: false,
      },
      { name: 'email', label: 'Email', type: 'email', autocomplete: 'email' },
      {
        name: 'password',
        label: 'Password (8 characters or more)',
        type: 'password',
        autocomplete: 'new-password',
      },
    ],
    'Sign up',
    async ({ username = '', displayName = '', email = '', password = '' }) => {
      const input = { username, email, password, displayName: displayName || undefined };
      app.signedIn((await app.client.signUp(input)).user);
    },
    h('p', { class: 'muted' }, 'Already a member? ', h('a', { href: '#/sign-in' }, 'Sign in')),
  );
}

export function signInView(app: App): HTMLElement {
  return authForm(
    'sign-in',
    'Sign in',
    [
      { name: 'login', label: 'Username or email', type: 'text', autocomplete: 'username' },
      { name: 'password', label: 'Password', type: 'password', autocomplete: 'current-password' },
    ],
    'Sign in',
    async ({ login = '', password = '' }) => {
      app.signedIn((await app.client.signIn(login, password)).user);
    },
    h('p', { class: 'muted' }, 'New here? ', h('a', { href: '#/sign-up' }, 'Create an account')),
  );
}
