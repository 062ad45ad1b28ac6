import { defineConfig, type Plugin } from 'vite';
// With its extension: Vite's coming native config loader (plain Node) resolves no other.
import { apiUrl } from './src/api-url.ts';

/**
 * The page's Content-Security-Policy, in a meta tag (index.html holds the placeholder): only
 * this origin's scripts and styles, no inline ones, no eval, and API calls only to the
 * gateway's origin (from VITE_FLOCK_API_URL, known at build time). With no inline script a
 * stolen-token XSS needs a script file on this origin. The same policy works under `vite`
 * (dev): the stylesheet is a <link> (Vite serves it as a file, not as an injected <style>),
 * the dev client is a script file, and 'self' in connect-src admits its HMR websocket (CSP 3
 * matches ws: to the page's own host). Only Vite's error overlay (inline styles) is blocked.
 * A meta tag cannot set frame-ancestors: a host serving the build should add that header.
 */
function contentSecurityPolicy(): Plugin {
  let policy = '';
  return {
    name: 'flock-content-security-policy',
    configResolved(config) {
      const apiOrigin = new URL(apiUrl(config.env.VITE_FLOCK_API_URL)).origin;
      policy = [
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self'",
        `connect-src 'self' ${apiOrigin}`,
        "base-uri 'none'",
        "form-action 'none'",
      ].join('; ');
    },
    transformIndexHtml: (html) => html.replace('%FLOCK_CSP%', policy),
  };
}

export default defineConfig({
  plugins: [contentSecurityPolicy()],
  server: { host: '127.0.0.1', port: 5173, strictPort: true },
  preview: { host: '127.0.0.1', port: 5173, strictPort: true },
});
