import { browserTokenStore, FlockClient, MeDocument } from '@flock/client';
import { apiUrl } from './api-url';
import type { App } from './app';
import { type Child, h, replace } from './dom';
import { describeError, partialData } from './errors';
import { clearNotice, showNotice } from './notice';
import { navigate, parseRoute } from './router';
import { signInView, signUpView } from './views/auth';
import { homeView } from './views/home';
import { renderNav } from './views/nav';
import { profileView } from './views/profile';

function element(selector: string): HTMLElement {
  const found = document.querySelector<HTMLElement>(selector);
  if (!found) throw new Error(`index.html lacks ${selector}`);
  return found;
}
const view = element('#view');
const nav = element('#nav');

const app: App = {
  // The access token stays in this page's memory; only the refresh token is kept
  // (localStorage, so a reload or a new tab stays signed in), and every refresh replaces it.
  client: new FlockClient({
    url: apiUrl(import.meta.env.VITE_FLOCK_API_URL),
    tokens: browserTokenStore(localStorage),
    onSessionEnded: () => {
      app.viewer = null;
      showNotice('Your session ended. Please sign in again.');
      navigate('#/sign-in');
    },
  }),
  viewer: null,
  signedIn(viewer) {
    app.viewer = viewer;
    clearNotice();
    navigate('#/');
  },
  async signOut() {
    try {
      await app.client.signOut();
    } catch (error) {
      // The session is forgotten here either way; the server's copy expires.
      console.warn('sign-out did not reach the server', error);
    }
    app.viewer = null;
    navigate('#/sign-in');
  },
};

/** Who is signed in, from the kept session (a reload, a new tab); null when nobody. */
async function loadViewer(): Promise<void> {
  // Partial is enough: only who it is matters here, not the counts the follow graph gives.
  app.viewer = app.client.signedIn ? (await partialData(app.client.execute(MeDocument))).me : null;
}

function render(): void {
  const route = parseRoute(location.hash);
  const signedIn = app.viewer !== null;
  const signInPage = route.page === 'sign-in' || route.page === 'sign-up';
  // Signed out, only the ways in; signed in, everything else.
  if (signedIn === signInPage) {
    navigate(signedIn ? '#/' : '#/sign-in');
    return;
  }
  renderNav(nav, app);
  let page: Child;
  switch (route.page) {
    case 'sign-in':
      page = signInView(app);
      break;
    case 'sign-up':
      page = signUpView(app);
      break;
    case 'home':
      page = homeView(app);
      break;
    case 'profile':
      page = profileView(app, route.username);
      break;
    case 'not-found':
      page = 'There is no such page.';
      break;
  }
  replace(view, page);
}

async function start(): Promise<void> {
  try {
    await loadViewer();
  } catch (error) {
    // A session that ended was handled (onSessionEnded). Otherwise it may well be alive (the
    // API unreachable, a service down): offer to try again, not the sign-in form.
    if (app.client.signedIn) {
      replace(
        view,
        h(
          'div',
          { class: 'card narrow', 'data-testid': 'start-error' },
          h('p', {}, describeError(error)),
          h('button', { type: 'button', onclick: () => location.reload() }, 'Try again'),
        ),
      );
      return;
    }
  }
  window.addEventListener('hashchange', render);
  render();
}

void start();
