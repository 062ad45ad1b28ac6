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
  /**
   * Whose session this is: the `user.id` of the sign-in or refresh that brought the pair. The
   * client never sends a request again as another user than the one it was sent as, and a
   * store shared by several tabs tells a rotated refresh token (same user) from someone else's
   * sign-in with it. Keep it next to the refresh token; absent in pairs saved before it
   * existed (the client then learns it from the next refresh).
   */
  userId?: string;
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

/** What the browser store keeps in storage: never the access token. */
interface StoredSession {
  refreshToken: string;
  userId?: string;
}

/**
 * Browser: the access token only in memory; the refresh token (rotated on every use, replay
 * ends the session server-side) and whose session it is in the given Storage (e.g.
 * localStorage) under `key`, as one JSON value `{"refreshToken":…,"userId":…}` (one value, so
 * another tab never reads one half of a change). A bare refresh token there (kept by an
 * earlier version) is still read, as a session of unknown user.
 *
 * The storage is read on every `load`, so tabs share one session: a tab that finds a refresh
 * token another tab rotated for the same user uses that one with its own access token (never
 * its own, now used, copy); a tab that finds another user's session (or one whose user it
 * cannot tell) forgets its access token, and its next request refreshes as that session; a
 * tab that finds none was signed out by another.
 */
export function browserTokenStore(storage: StorageLike, key = 'flock.refreshToken'): TokenStore {
  let inMemory: Tokens | null = null;
  return {
    load: () => {
      const stored = parseStored(storage.getItem(key));
      if (!stored) {
        inMemory = null;
        return null;
      }
      if (inMemory && inMemory.refreshToken === stored.refreshToken) {
        // Unchanged (the user, when storage knows it and memory does not, is the same session's).
        if (stored.userId && !inMemory.userId) inMemory = { ...inMemory, userId: stored.userId };
        return inMemory;
      }
      if (inMemory?.userId && inMemory.userId === stored.userId) {
        // Another tab refreshed the same user's session: its token is the live one; this
        // tab's access token still works.
        const { accessToken, accessTokenExpiresAt, userId } = inMemory;
        inMemory = { accessToken, refreshToken: stored.refreshToken, userId };
        if (accessTokenExpiresAt) inMemory.accessTokenExpiresAt = accessTokenExpiresAt;
        return inMemory;
      }
      // Another tab signed in (someone else, or someone this tab cannot tell apart): this
      // tab's access token is not that session's. Forget it; the next request refreshes first.
      inMemory = null;
      return stored.userId
        ? { accessToken: '', refreshToken: stored.refreshToken, userId: stored.userId }
        : { accessToken: '', refreshToken: stored.refreshToken };
    },
    save: (tokens) => {
      inMemory = tokens;
      if (!tokens) {
        storage.removeItem(key);
        return;
      }
      const stored: StoredSession = { refreshToken: tokens.refreshToken };
      if (tokens.userId) stored.userId = tokens.userId;
      storage.setItem(key, JSON.stringify(stored));
    },
  };
}

function parseStored(value: string | null): StoredSession | null {
  if (!value) return null;
  // Refresh tokens are opaque URL-safe strings: a value that is not JSON is a bare one.
  if (!value.startsWith('{')) return { refreshToken: value };
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null) return null;
  const { refreshToken, userId } = parsed as Record<string, unknown>;
  if (typeof refreshToken !== 'string' || !refreshToken) return null;
  return typeof userId === 'string' && userId ? { refreshToken, userId } : { refreshToken };
}
