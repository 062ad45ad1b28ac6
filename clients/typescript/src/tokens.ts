/** A signed-in session: what signing up, signing in and refreshing answer. */
export interface Tokens {
  /**
   * Sent as `Authorization: Bearer …`; short-lived. Empty when only the refresh token is
   * known (a browser page just loaded): the client refreshes before its first request.
   */
  accessToken: string;
  /** Single use: every refresh rotates it, and presenting a used one later ends the session. */
  refreshToken: string;
  accessTokenExpiresAt?: string;
  refreshTokenExpiresAt?: string;
}

/** Where the client keeps the session. `load` is called before every request. */
export interface TokenStore {
  load(): Tokens | null;
  save(tokens: Tokens | null): void;
}

/** Keeps the session in this object only: servers, scripts, tests, apps with their own storage. */
export function memoryTokenStore(initial: Tokens | null = null): TokenStore {
  let tokens = initial;
  return {
    load: () => tokens,
    save: (next) => {
      tokens = next;
    },
  };
}

/** The part of the Web Storage API the browser store uses (`localStorage`, `sessionStorage`). */
export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/**
 * Browser: the access token only in memory; the refresh token (rotated on every use, replay
 * ends the session server-side) in the given Storage (e.g. localStorage) under `key`.
 *
 * The storage is read on every `load`, so tabs share one session: a tab that finds a refresh
 * token another tab rotated uses that one (never its own, now used, copy), and a tab that
 * finds none was signed out by another.
 */
export function browserTokenStore(storage: StorageLike, key = 'flock.refreshToken'): TokenStore {
  let inMemory: Tokens | null = null;
  return {
    load: () => {
      const refreshToken = storage.getItem(key);
      if (!refreshToken) {
        inMemory = null;
        return null;
      }
      if (!inMemory) return { accessToken: '', refreshToken };
      if (inMemory.refreshToken !== refreshToken) {
        // Another tab refreshed: its token is the live one; this tab's access token still works.
        inMemory = { accessToken: inMemory.accessToken, refreshToken };
      }
      return inMemory;
    },
    save: (tokens) => {
      inMemory = tokens;
      if (tokens) storage.setItem(key, tokens.refreshToken);
      else storage.removeItem(key);
    },
  };
}
