import { describe, expect, it, vi } from 'vitest';
import {
  browserTokenStore,
  CreatePostDocument,
  FlockClient,
  FlockError,
  HomeFeedDocument,
  MeDocument,
  memoryTokenStore,
  SignInDocument,
  type StorageLike,
  type Tokens,
} from '../src';

/**
 * The client's own logic against a scripted `fetch`: what it sends, how it keeps and renews
 * the session, how it maps answers to FlockErrors. sdk.int.test.ts runs it against the real
 * stack.
 */

interface Call {
  url: string;
  method: string;
  headers: Record<string, string>;
  operationName?: string;
  query: string;
  variables: Record<string, unknown> | undefined;
}

type Handler = (call: Call) => Response | Promise<Response>;

function scriptedFetch(handler: Handler) {
  const calls: Call[] = [];
  const fetch = async (input: string | URL | Request, init?: RequestInit) => {
    const body = JSON.parse(String(init?.body)) as {
      query: string;
      operationName?: string;
      variables?: Record<string, unknown>;
    };
    const call: Call = {
      url: String(input),
      method: init?.method ?? 'GET',
      headers: headersOf(init?.headers),
      operationName: body.operationName,
      query: body.query,
      variables: body.variables,
    };
    calls.push(call);
    return handler(call);
  };
  return { fetch: fetch as typeof globalThis.fetch, calls };
}

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });

const unauthenticated = (message = 'Access token expired') =>
  json({ errors: [{ message, extensions: { code: 'UNAUTHENTICATED' } }] }, 401);

const ME = { me: { id: 'u1', username: 'ada', displayName: null } };

const session = (n: number) => ({
  accessToken: `a${n}`,
  accessTokenExpiresAt: '2030-01-01T00:00:00.000Z',
  refreshToken: `r${n}`,
  refreshTokenExpiresAt: '2030-02-01T00:00:00.000Z',
  user: { id: 'u1', username: 'ada', displayName: null },
});

const tokens = (n: number): Tokens => ({ accessToken: `a${n}`, refreshToken: `r${n}` });

/** Another person's session (Bea, user u2): what signing in as her answers. */
const beaSession = (n: number) => ({
  accessToken: `bea-a${n}`,
  accessTokenExpiresAt: '2030-01-01T00:00:00.000Z',
  refreshToken: `bea-r${n}`,
  refreshTokenExpiresAt: '2030-02-01T00:00:00.000Z',
  user: { id: 'u2', username: 'bea', displayName: null },
});

/** A promise and the function that settles it. */
function held<T>() {
  let settle = (_: T) => {};
  const promise = new Promise<T>((resolve) => {
    settle = resolve;
  });
  return { promise, settle };
}

/**
 * A tiny identity: one live access token and one live refresh token; a refresh rotates both
 * (after `refreshGate`, so tests can hold refreshes open); anything else needs the live token.
 */
function sessionServer({ live = 1, refreshGate = Promise.resolve() } = {}) {
  let current = live;
  return scriptedFetch(async (call) => {
    if (call.operationName === 'RefreshSession') {
      await refreshGate;
      if (call.variables?.refreshToken !== `r${current}`) {
        return json({
          errors: [
            {
              message: 'Refresh token was already used; the session has been ended',
              extensions: { code: 'UNAUTHENTICATED' },
            },
          ],
        });
      }
      current += 1;
      return json({ data: { refreshSession: session(current) } });
    }
    if (call.headers.authorization !== `Bearer a${current}`) return unauthenticated();
    return json({ data: ME });
  });
}

const refreshes = (calls: Call[]) => calls.filter((c) => c.operationName === 'RefreshSession');

describe('FlockClient requests', () => {
  it('POSTs JSON with the operation, its variables and the bearer token', async () => {
    const { fetch, calls } = scriptedFetch(() => json({ data: { homeFeed: null } }));
    const client = new FlockClient({
      url: 'https://api.test/graphql',
      fetch,
      tokens: memoryTokenStore(tokens(1)),
      headers: { 'x-correlation-id': 'c1', authorization: 'Bearer not-this-one' },
    });
    await client.request(HomeFeedDocument, { first: 5 });
    expect(calls).toHaveLength(1);
    const [call] = calls;
    expect(call).toMatchObject({
      url: 'https://api.test/graphql',
      method: 'POST',
      operationName: 'HomeFeed',
      variables: { first: 5 },
    });
    expect(call?.query).toContain('fragment PostFields on Post');
    expect(call?.headers).toMatchObject({
      'content-type': 'application/json',
      authorization: 'Bearer a1',
      'x-correlation-id': 'c1',
    });
  });

  it('sends no Authorization header while signed out', async () => {
    const { fetch, calls } = scriptedFetch(() => json({ data: { homeFeed: null } }));
    const client = new FlockClient({ url: 'https://api.test/graphql', fetch });
    expect(client.signedIn).toBe(false);
    await client.request(HomeFeedDocument);
    expect(calls[0]?.headers.authorization).toBeUndefined();
  });

  it('throws the first error as a FlockError, with the field of a BAD_USER_INPUT', async () => {
    const { fetch } = scriptedFetch(() =>
      json({
        data: null,
        errors: [
          {
            message: 'body: too long',
            path: ['createPost'],
            extensions: {
              code: 'BAD_USER_INPUT',
              field: 'body',
              problems: [{ field: 'body', message: 'too long' }],
            },
          },
        ],
      }),
    );
    const client = new FlockClient({ url: 'u', fetch, tokens: memoryTokenStore(tokens(1)) });
    const error = await client.request(CreatePostDocument, { body: 'x' }).catch((e) => e);
    expect(error).toBeInstanceOf(FlockError);
    expect(error).toMatchObject({
      name: 'FlockError',
      message: 'body: too long',
      code: 'BAD_USER_INPUT',
      field: 'body',
      problems: [{ field: 'body', message: 'too long' }],
      path: ['createPost'],
      status: 200,
    });
  });

  it('execute resolves a partial answer: the data and every error', async () => {
    const { fetch } = scriptedFetch(() =>
      json({
        data: { me: { ...ME.me, followerCount: null } },
        errors: [
          {
            message: 'The network service is unavailable; try again shortly',
            path: ['me', 'followerCount'],
            extensions: { code: 'SERVICE_UNAVAILABLE', service: 'network' },
          },
        ],
      }),
    );
    const client = new FlockClient({ url: 'u', fetch, tokens: memoryTokenStore(tokens(1)) });
    const { data, errors } = await client.execute(MeDocument);
    expect(data?.me.username).toBe('ada');
    expect(data?.me.followerCount).toBeNull();
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(FlockError);
    expect(errors[0]).toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
      path: ['me', 'followerCount'],
      extensions: { service: 'network' },
    });
    // request() refuses the same partial answer.
    await expect(client.request(MeDocument)).rejects.toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
    });
  });

  it('keeps the server’s code and the HTTP status of a 4xx GraphQL answer', async () => {
    const { fetch } = scriptedFetch(() =>
      json(
        {
          errors: [
            {
              message: 'Query depth: 13 is over the limit of 12',
              extensions: { code: 'QUERY_TOO_DEEP' },
            },
          ],
        },
        400,
      ),
    );
    const client = new FlockClient({ url: 'u', fetch });
    await expect(client.request(MeDocument)).rejects.toMatchObject({
      code: 'QUERY_TOO_DEEP',
      status: 400,
    });
  });

  it('reads retryAfter from the error, else from the Retry-After header', async () => {
    const limited = (extensions: Record<string, unknown>) =>
      json({ errors: [{ message: 'Too many requests', extensions }] }, 429, {
        'retry-after': '7',
      });
    const first = new FlockClient({
      url: 'u',
      fetch: scriptedFetch(() => limited({ code: 'RATE_LIMITED', retryAfter: 12 })).fetch,
    });
    await expect(first.request(MeDocument)).rejects.toMatchObject({
      code: 'RATE_LIMITED',
      retryAfter: 12,
      status: 429,
    });
    const second = new FlockClient({
      url: 'u',
      fetch: scriptedFetch(() => limited({ code: 'RATE_LIMITED' })).fetch,
    });
    await expect(second.request(MeDocument)).rejects.toMatchObject({ retryAfter: 7 });
  });

  it('turns an unreachable server into NETWORK_ERROR, with the cause', async () => {
    const refused = new TypeError('fetch failed');
    const client = new FlockClient({
      url: 'u',
      fetch: async () => {
        throw refused;
      },
    });
    const error = await client.request(MeDocument).catch((e) => e);
    expect(error).toBeInstanceOf(FlockError);
    expect(error).toMatchObject({ code: 'NETWORK_ERROR', cause: refused });
    expect(error.status).toBeUndefined();
    // execute has no GraphQL answer to resolve either.
    await expect(client.execute(MeDocument)).rejects.toMatchObject({ code: 'NETWORK_ERROR' });
  });

  it('turns a non-GraphQL answer (a proxy’s error page, bad JSON) into NETWORK_ERROR with its status', async () => {
    const page = new FlockClient({
      url: 'u',
      fetch: async () =>
        new Response('<h1>502 Bad Gateway</h1>', {
          status: 502,
          headers: { 'content-type': 'text/html' },
        }),
    });
    await expect(page.request(MeDocument)).rejects.toMatchObject({
      code: 'NETWORK_ERROR',
      status: 502,
    });
    const broken = new FlockClient({
      url: 'u',
      fetch: async () =>
        new Response('{"data":', { status: 200, headers: { 'content-type': 'application/json' } }),
    });
    await expect(broken.request(MeDocument)).rejects.toMatchObject({
      code: 'NETWORK_ERROR',
      status: 200,
    });
    const empty = new FlockClient({ url: 'u', fetch: async () => json({}) });
    await expect(empty.request(MeDocument)).rejects.toMatchObject({ code: 'NETWORK_ERROR' });
  });
});

describe('FlockClient sessions', () => {
  it('renews a refused access token once and retries; the store holds the new pair', async () => {
    const server = sessionServer({ live: 1 });
    const store = memoryTokenStore({ accessToken: 'expired', refreshToken: 'r1' });
    const client = new FlockClient({ url: 'u', fetch: server.fetch, tokens: store });
    expect(await client.request(MeDocument)).toEqual(ME);
    expect(server.calls.map((c) => [c.operationName, c.headers.authorization])).toEqual([
      ['Me', 'Bearer expired'],
      // Without the refused token: an expired one would fail the refresh itself.
      ['RefreshSession', undefined],
      ['Me', 'Bearer a2'],
    ]);
    expect(refreshes(server.calls)[0]?.variables).toEqual({ refreshToken: 'r1' });
    expect(client.tokens).toEqual({
      accessToken: 'a2',
      refreshToken: 'r2',
      accessTokenExpiresAt: '2030-01-01T00:00:00.000Z',
      refreshTokenExpiresAt: '2030-02-01T00:00:00.000Z',
      userId: 'u1',
    });
  });

  it('shares one refresh among concurrent refused requests', async () => {
    let open = () => {};
    const refreshGate = new Promise<void>((resolve) => {
      open = resolve;
    });
    const server = sessionServer({ live: 1, refreshGate });
    const store = memoryTokenStore({ accessToken: 'stale', refreshToken: 'r1' });
    const client = new FlockClient({ url: 'u', fetch: server.fetch, tokens: store });
    const requests = Array.from({ length: 5 }, () => client.request(MeDocument));
    await vi.waitFor(() => expect(refreshes(server.calls)).toHaveLength(1));
    // Every request has been refused before the refresh answers.
    await vi.waitFor(() =>
      expect(server.calls.filter((c) => c.headers.authorization === 'Bearer stale')).toHaveLength(
        5,
      ),
    );
    open();
    expect(await Promise.all(requests)).toEqual(Array(5).fill(ME));
    expect(refreshes(server.calls)).toHaveLength(1);
    expect(server.calls.filter((c) => c.headers.authorization === 'Bearer a2')).toHaveLength(5);
  });

  it('retries without refreshing when another request renewed the token meanwhile', async () => {
    let answerStale = (_: Response) => {};
    const staleAnswer = new Promise<Response>((resolve) => {
      answerStale = resolve;
    });
    const server = sessionServer({ live: 1 });
    // The first call is held: it was sent with the stale token and is answered only after
    // another request refreshed.
    const { fetch, calls } = scriptedFetch((call) =>
      calls.length === 1 ? staleAnswer : server.fetch('u', requestInit(call)),
    );
    const store = memoryTokenStore({ accessToken: 'stale', refreshToken: 'r1' });
    const client = new FlockClient({ url: 'u', fetch, tokens: store });
    const slowRequest = client.request(MeDocument);
    await vi.waitFor(() => expect(calls).toHaveLength(1));
    expect(await client.request(MeDocument)).toEqual(ME);
    expect(store.load()?.accessToken).toBe('a2');
    answerStale(unauthenticated());
    expect(await slowRequest).toEqual(ME);
    expect(calls.map((c) => [c.operationName, c.headers.authorization])).toEqual([
      ['Me', 'Bearer stale'],
      ['Me', 'Bearer stale'],
      ['RefreshSession', undefined],
      ['Me', 'Bearer a2'],
      // The held request, refused, is sent again with the token the other one got.
      ['Me', 'Bearer a2'],
    ]);
  });

  it('retries once: a token refused right after a refresh is not refreshed again', async () => {
    const { fetch, calls } = scriptedFetch((call) =>
      call.operationName === 'RefreshSession'
        ? json({ data: { refreshSession: session(2) } })
        : unauthenticated('The account of this token no longer exists'),
    );
    const client = new FlockClient({ url: 'u', fetch, tokens: memoryTokenStore(tokens(1)) });
    await expect(client.request(MeDocument)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(calls.map((c) => c.operationName)).toEqual(['Me', 'RefreshSession', 'Me']);
  });

  it('ends the session when the refresh token is refused: store cleared, onSessionEnded once', async () => {
    const server = sessionServer({ live: 5 });
    const onSessionEnded = vi.fn();
    const client = new FlockClient({
      url: 'u',
      fetch: server.fetch,
      tokens: memoryTokenStore(tokens(1)),
      onSessionEnded,
    });
    const results = await Promise.allSettled([
      client.request(MeDocument),
      client.request(MeDocument),
    ]);
    for (const result of results) {
      expect(result.status).toBe('rejected');
      // The request's own error, not the refresh's.
      expect((result as PromiseRejectedResult).reason).toMatchObject({
        code: 'UNAUTHENTICATED',
        message: 'Access token expired',
        status: 401,
      });
    }
    expect(refreshes(server.calls)).toHaveLength(1);
    expect(onSessionEnded).toHaveBeenCalledTimes(1);
    expect(client.signedIn).toBe(false);
    expect(client.tokens).toBeNull();
  });

  it('keeps the session when the refresh fails for another reason, and says why', async () => {
    const { fetch } = scriptedFetch((call) =>
      call.operationName === 'RefreshSession'
        ? json(
            {
              errors: [
                {
                  message: 'identity unavailable; try again shortly',
                  extensions: { code: 'SERVICE_UNAVAILABLE' },
                },
              ],
            },
            503,
          )
        : unauthenticated(),
    );
    const onSessionEnded = vi.fn();
    const client = new FlockClient({
      url: 'u',
      fetch,
      tokens: memoryTokenStore(tokens(1)),
      onSessionEnded,
    });
    await expect(client.request(MeDocument)).rejects.toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
      status: 503,
    });
    const { data, errors } = await client.execute(MeDocument);
    expect(data).toBeNull();
    expect(errors.map((e) => e.code)).toEqual(['SERVICE_UNAVAILABLE']);
    await expect(client.refresh()).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    expect(onSessionEnded).not.toHaveBeenCalled();
    expect(client.tokens).toEqual(tokens(1));
  });

  it('does not refresh without an access token: signed out, UNAUTHENTICATED is the answer', async () => {
    const server = sessionServer();
    const client = new FlockClient({ url: 'u', fetch: server.fetch });
    await expect(client.request(MeDocument)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(server.calls.map((c) => c.operationName)).toEqual(['Me']);
  });

  it('sends a mutation again only when the refusal shows it did not run', async () => {
    let created = 0;
    const post = { id: 'p1', body: 'hi', author: null };
    // A field of the answer refused (the mutation ran: there is data).
    const ranWithARefusedField = () => {
      created += 1;
      return json({
        data: { createPost: post },
        errors: [
          {
            message: 'no',
            path: ['createPost', 'author'],
            extensions: { code: 'UNAUTHENTICATED' },
          },
        ],
      });
    };
    const { fetch, calls } = scriptedFetch((call) => {
      if (call.operationName === 'RefreshSession') {
        return json({ data: { refreshSession: session(2) } });
      }
      if (call.headers.authorization === 'Bearer a1' && call.variables?.body === 'refused') {
        return unauthenticated();
      }
      return ranWithARefusedField();
    });
    const client = new FlockClient({ url: 'u', fetch, tokens: memoryTokenStore(tokens(1)) });

    // It ran: never sent again, no refresh; the partial answer is the result.
    const ran = await client.execute(CreatePostDocument, { body: 'ran' });
    expect(ran.data?.createPost.id).toBe('p1');
    expect(ran.errors.map((e) => e.code)).toEqual(['UNAUTHENTICATED']);
    expect(calls.map((c) => c.operationName)).toEqual(['CreatePost']);
    expect(created).toBe(1);

    // Refused with 401 (it did not run): renewed and sent again, and then it ran, once.
    calls.length = 0;
    await client.execute(CreatePostDocument, { body: 'refused' });
    expect(calls.map((c) => [c.operationName, c.headers.authorization])).toEqual([
      ['CreatePost', 'Bearer a1'],
      ['RefreshSession', undefined],
      ['CreatePost', 'Bearer a2'],
    ]);
    expect(created).toBe(2);
  });

  it('refreshes only on HTTP 401: an UNAUTHENTICATED in a 200 answer is a resolver’s', async () => {
    const { fetch, calls } = scriptedFetch((call) => {
      if (call.operationName === 'RefreshSession') {
        return json({ data: { refreshSession: session(2) } });
      }
      if (call.operationName === 'SignIn') {
        return json({
          data: null,
          errors: [
            {
              message: 'Invalid credentials',
              path: ['login'],
              extensions: { code: 'UNAUTHENTICATED' },
            },
          ],
        });
      }
      return json({
        data: { me: { ...ME.me, followerCount: null } },
        errors: [
          {
            message: 'Sign in to see this',
            path: ['me', 'followerCount'],
            extensions: { code: 'UNAUTHENTICATED' },
          },
        ],
      });
    });
    const store = memoryTokenStore(tokens(1));
    const client = new FlockClient({ url: 'u', fetch, tokens: store });

    // A wrong password while signed in: one SignIn, no refresh (the session is not rotated),
    // no second SignIn (the login throttle counts the wrong password once).
    const signIn = await client.execute(SignInDocument, {
      input: { login: 'ada', password: 'wrong' },
    });
    expect(signIn.data).toBeNull();
    expect(signIn.errors.map((e) => [e.code, e.status])).toEqual([['UNAUTHENTICATED', 200]]);
    expect(calls.map((c) => c.operationName)).toEqual(['SignIn']);
    expect(store.load()).toEqual(tokens(1));

    // A field refused by its resolver: the partial answer as it came.
    calls.length = 0;
    const { data, errors } = await client.execute(MeDocument);
    expect(data?.me.followerCount).toBeNull();
    expect(errors.map((e) => e.code)).toEqual(['UNAUTHENTICATED']);
    expect(calls.map((c) => c.operationName)).toEqual(['Me']);
    expect(store.load()).toEqual(tokens(1));
  });

  it('treats any operation that is not plainly a query as a mutation', async () => {
    let ran = 0;
    // A 401 that still carries data: whatever it was, part of it may have run.
    const { fetch, calls } = scriptedFetch((call) => {
      if (call.operationName === 'RefreshSession') {
        return json({ data: { refreshSession: session(2) } });
      }
      ran += 1;
      if (call.headers.authorization === 'Bearer a2') return json({ data: { createPost: null } });
      return json(
        {
          data: { createPost: null },
          errors: [{ message: 'Access token expired', extensions: { code: 'UNAUTHENTICATED' } }],
        },
        401,
      );
    });
    const anonymous = 'mutation { createPost(body: "hi") { id } }';
    const fragmentFirst =
      'fragment Id on Post { id }\nmutation Post { createPost(body: "hi") { ...Id } }';
    for (const mutation of [anonymous, fragmentFirst, '# a note\n mutation($b: String!) { x }']) {
      calls.length = 0;
      ran = 0;
      const client = new FlockClient({ url: 'u', fetch, tokens: memoryTokenStore(tokens(1)) });
      const { errors } = await client.execute(mutation);
      expect(errors.map((e) => e.code)).toEqual(['UNAUTHENTICATED']);
      expect(ran).toBe(1);
      expect(refreshes(calls)).toHaveLength(0);
    }

    // Plain queries, named, anonymous or shorthand, are read again.
    for (const query of ['query Me { me { id } }', ', query { me { id } }', ' #c\n{ me { id } }']) {
      calls.length = 0;
      const client = new FlockClient({ url: 'u', fetch, tokens: memoryTokenStore(tokens(1)) });
      const { errors } = await client.execute(query);
      expect(errors).toEqual([]);
      expect(calls.map((c) => c.headers.authorization)).toEqual([
        'Bearer a1',
        undefined,
        'Bearer a2',
      ]);
    }
  });

  it('signIn and signUp keep the session, sent without a stale access token', async () => {
    const { fetch, calls } = scriptedFetch((call) =>
      call.operationName === 'SignIn'
        ? json({ data: { login: session(7) } })
        : json({ data: { register: session(8) } }),
    );
    const client = new FlockClient({ url: 'u', fetch, tokens: memoryTokenStore(tokens(1)) });
    const signedIn = await client.signIn('ada', 'secret password');
    expect(signedIn.user.username).toBe('ada');
    expect(calls[0]?.variables).toEqual({ input: { login: 'ada', password: 'secret password' } });
    expect(calls[0]?.headers.authorization).toBeUndefined();
    expect(client.tokens?.accessToken).toBe('a7');
    await client.signUp({ username: 'ada', email: 'ada@example.com', password: 'long enough' });
    expect(calls[1]?.operationName).toBe('SignUp');
    expect(client.tokens).toMatchObject({ accessToken: 'a8', refreshToken: 'r8' });
  });

  it('signIn throws the server’s error and keeps no session', async () => {
    const { fetch } = scriptedFetch(() =>
      json({
        errors: [{ message: 'Invalid credentials', extensions: { code: 'UNAUTHENTICATED' } }],
      }),
    );
    const client = new FlockClient({ url: 'u', fetch });
    await expect(client.signIn('ada', 'wrong')).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
      message: 'Invalid credentials',
    });
    expect(client.signedIn).toBe(false);
  });

  it('signOut logs the refresh token’s session out and forgets it, even when the call fails', async () => {
    const ok = scriptedFetch(() => json({ data: { logout: true } }));
    const client = new FlockClient({
      url: 'u',
      fetch: ok.fetch,
      tokens: memoryTokenStore(tokens(1)),
    });
    await client.signOut();
    expect(ok.calls[0]).toMatchObject({
      operationName: 'SignOut',
      variables: { refreshToken: 'r1' },
    });
    expect(ok.calls[0]?.headers.authorization).toBeUndefined();
    expect(client.signedIn).toBe(false);

    const down = new FlockClient({
      url: 'u',
      fetch: async () => {
        throw new TypeError('fetch failed');
      },
      tokens: memoryTokenStore(tokens(1)),
    });
    await expect(down.signOut()).rejects.toMatchObject({ code: 'NETWORK_ERROR' });
    expect(down.tokens).toBeNull();

    // A session that had already ended: nothing to report.
    const ended = new FlockClient({
      url: 'u',
      fetch: scriptedFetch(() =>
        json({
          errors: [
            { message: 'Refresh token is invalid', extensions: { code: 'UNAUTHENTICATED' } },
          ],
        }),
      ).fetch,
      tokens: memoryTokenStore(tokens(1)),
    });
    await ended.signOut();
    expect(ended.signedIn).toBe(false);
  });

  it('never sends a request again as someone else who signed in meanwhile', async () => {
    // Ada's post is on its way with her expired token; Bea signs in on this client before the
    // refusal comes back. Sending it again would publish Ada's post as Bea.
    const refusal = held<Response>();
    const { fetch, calls } = scriptedFetch((call) => {
      if (call.operationName === 'SignIn') return json({ data: { login: beaSession(1) } });
      if (call.operationName === 'RefreshSession') {
        return json({ data: { refreshSession: session(2) } });
      }
      if (call.headers.authorization === 'Bearer a1') return refusal.promise;
      return json({ data: { createPost: { id: 'p1' } } });
    });
    const store = memoryTokenStore({ ...tokens(1), userId: 'u1' });
    const client = new FlockClient({ url: 'u', fetch, tokens: store });
    const post = client.request(CreatePostDocument, { body: 'from Ada' });
    await vi.waitFor(() => expect(calls).toHaveLength(1));
    await client.signIn('bea', 'her password');
    refusal.settle(unauthenticated());
    await expect(post).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
      message: 'Access token expired',
      status: 401,
    });
    expect(calls.map((c) => [c.operationName, c.headers.authorization])).toEqual([
      ['CreatePost', 'Bearer a1'],
      ['SignIn', undefined],
    ]);
    expect(store.load()).toMatchObject({ accessToken: 'bea-a1', userId: 'u2' });
  });

  it('never sends a request again as someone who signed in during its refresh', async () => {
    const refreshed = held<Response>();
    const { fetch, calls } = scriptedFetch((call) => {
      if (call.operationName === 'SignIn') return json({ data: { login: beaSession(1) } });
      if (call.operationName === 'RefreshSession') return refreshed.promise;
      if (call.headers.authorization === 'Bearer a1') return unauthenticated();
      return json({ data: { createPost: { id: 'p1' } } });
    });
    const store = memoryTokenStore({ ...tokens(1), userId: 'u1' });
    const client = new FlockClient({ url: 'u', fetch, tokens: store });
    const post = client.request(CreatePostDocument, { body: 'from Ada' });
    await vi.waitFor(() => expect(refreshes(calls)).toHaveLength(1));
    await client.signIn('bea', 'her password');
    refreshed.settle(json({ data: { refreshSession: session(2) } }));
    await expect(post).rejects.toMatchObject({ code: 'UNAUTHENTICATED', status: 401 });
    expect(calls.map((c) => c.operationName)).toEqual(['CreatePost', 'RefreshSession', 'SignIn']);
    // Bea's session stays; Ada's renewed pair is not kept over it.
    expect(store.load()).toMatchObject({ accessToken: 'bea-a1', userId: 'u2' });
  });

  it('tells users apart with a store that does not keep userId', async () => {
    // A TokenStore written before userId existed: it keeps the two tokens only.
    let kept: Tokens | null = null;
    const store = {
      load: () => kept,
      save: (next: Tokens | null) => {
        kept = next && { accessToken: next.accessToken, refreshToken: next.refreshToken };
      },
    };
    const refusal = held<Response>();
    let refuseNext = false;
    const { fetch, calls } = scriptedFetch((call) => {
      if (call.operationName === 'SignIn') {
        const login = (call.variables?.input as { login?: string } | undefined)?.login;
        return json({ data: { login: login === 'ada' ? session(1) : beaSession(1) } });
      }
      if (call.operationName === 'RefreshSession') {
        return json({ data: { refreshSession: session(2) } });
      }
      if (call.headers.authorization === 'Bearer a1') {
        return refuseNext ? refusal.promise : unauthenticated();
      }
      return json({ data: ME });
    });
    const client = new FlockClient({ url: 'u', fetch, tokens: store });
    await client.signIn('ada', 'her password');
    // Her own session renewed: sent again as her.
    expect(await client.request(MeDocument)).toEqual(ME);
    expect(calls.map((c) => [c.operationName, c.headers.authorization])).toEqual([
      ['SignIn', undefined],
      ['Me', 'Bearer a1'],
      ['RefreshSession', undefined],
      ['Me', 'Bearer a2'],
    ]);

    await client.signIn('ada', 'her password');
    refuseNext = true;
    calls.length = 0;
    const post = client.request(CreatePostDocument, { body: 'from Ada' });
    await vi.waitFor(() => expect(calls).toHaveLength(1));
    await client.signIn('bea', 'her password');
    refusal.settle(unauthenticated());
    await expect(post).rejects.toMatchObject({ code: 'UNAUTHENTICATED', status: 401 });
    expect(calls.map((c) => c.operationName)).toEqual(['CreatePost', 'SignIn']);
  });

  it('does not keep a pair a refresh brings back after signing out', async () => {
    let open = () => {};
    const refreshGate = new Promise<void>((resolve) => {
      open = resolve;
    });
    const server = sessionServer({ live: 1, refreshGate });
    const { fetch } = scriptedFetch((call) =>
      call.operationName === 'SignOut'
        ? json({ data: { logout: true } })
        : server.fetch('u', requestInit(call)),
    );
    const client = new FlockClient({ url: 'u', fetch, tokens: memoryTokenStore(tokens(1)) });
    const refreshing = client.refresh();
    await vi.waitFor(() => expect(refreshes(server.calls)).toHaveLength(1));
    await client.signOut();
    open();
    expect(await refreshing).toBe(false);
    expect(client.tokens).toBeNull();
  });
});

describe('browserTokenStore', () => {
  function memoryStorage(): StorageLike & { items: Map<string, string> } {
    const items = new Map<string, string>();
    return {
      items,
      getItem: (key) => items.get(key) ?? null,
      setItem: (key, value) => {
        items.set(key, value);
      },
      removeItem: (key) => {
        items.delete(key);
      },
    };
  }

  const ada = (n: number): Tokens => ({ ...tokens(n), userId: 'u1' });
  const bea = (n: number): Tokens => ({
    accessToken: `bea-a${n}`,
    refreshToken: `bea-r${n}`,
    userId: 'u2',
  });

  it('keeps only the refresh token and its user in storage, the access token in memory', () => {
    const storage = memoryStorage();
    const store = browserTokenStore(storage);
    store.save({ ...ada(1), accessTokenExpiresAt: 'x' });
    expect([...storage.items]).toEqual([
      ['flock.refreshToken', JSON.stringify({ refreshToken: 'r1', userId: 'u1' })],
    ]);
    expect(store.load()).toEqual({ ...ada(1), accessTokenExpiresAt: 'x' });
    store.save(null);
    expect(storage.items.size).toBe(0);
    expect(store.load()).toBeNull();
  });

  it('reads a bare refresh token an earlier version kept, and nothing from a broken value', () => {
    const storage = memoryStorage();
    storage.setItem('flock.refreshToken', 'r1');
    expect(browserTokenStore(storage).load()).toEqual({ accessToken: '', refreshToken: 'r1' });
    storage.setItem('flock.refreshToken', '{"refreshToken":');
    expect(browserTokenStore(storage).load()).toBeNull();
  });

  it('after a page load, refreshes before the first request', async () => {
    const storage = memoryStorage();
    browserTokenStore(storage, 'k').save(ada(1));
    // A new page: the same storage, a new store with nothing in memory.
    const store = browserTokenStore(storage, 'k');
    expect(store.load()).toEqual({ accessToken: '', refreshToken: 'r1', userId: 'u1' });
    const server = sessionServer({ live: 1 });
    const client = new FlockClient({ url: 'u', fetch: server.fetch, tokens: store });
    expect(client.signedIn).toBe(true);
    expect(await client.request(MeDocument)).toEqual(ME);
    expect(server.calls.map((c) => [c.operationName, c.headers.authorization])).toEqual([
      ['RefreshSession', undefined],
      ['Me', 'Bearer a2'],
    ]);
    expect(JSON.parse(storage.items.get('k') ?? '')).toEqual({ refreshToken: 'r2', userId: 'u1' });
  });

  it('shares the session between tabs: a rotated token is used, a removed one signs out', async () => {
    const storage = memoryStorage();
    const tabA = browserTokenStore(storage);
    const tabB = browserTokenStore(storage);
    tabA.save(ada(1));
    tabB.save(ada(1));
    // Tab A refreshes: tab B keeps its access token but must present A's refresh token.
    tabA.save({ ...ada(2), accessTokenExpiresAt: 'x' });
    expect(tabB.load()).toEqual({ accessToken: 'a1', refreshToken: 'r2', userId: 'u1' });
    const server = sessionServer({ live: 2 });
    const client = new FlockClient({ url: 'u', fetch: server.fetch, tokens: tabB });
    await client.request(MeDocument);
    expect(refreshes(server.calls)[0]?.variables).toEqual({ refreshToken: 'r2' });
    // Tab A signs out: tab B is signed out too.
    tabA.save(null);
    expect(tabB.load()).toBeNull();
    expect(client.signedIn).toBe(false);
  });

  it('forgets a tab’s access token when another tab signed someone else in', () => {
    const storage = memoryStorage();
    const tabA = browserTokenStore(storage);
    const tabB = browserTokenStore(storage);
    tabA.save(ada(1));
    expect(tabB.load()).toEqual({ accessToken: '', refreshToken: 'r1', userId: 'u1' });
    tabB.save(ada(2));
    // Ada signs out in tab A and Bea signs in there: tab B acts neither as Ada (with Bea's
    // refresh token) nor as Bea with Ada's access token; it refreshes as Bea first.
    tabA.save(null);
    tabA.save(bea(1));
    expect(tabB.load()).toEqual({ accessToken: '', refreshToken: 'bea-r1', userId: 'u2' });
    // Nor does it go back to Ada's access token when Ada signs in again in tab A.
    tabA.save(ada(3));
    expect(tabB.load()).toEqual({ accessToken: '', refreshToken: 'r3', userId: 'u1' });
  });

  it('forgets a tab’s access token when it cannot tell whose the stored session is', () => {
    const storage = memoryStorage();
    const tab = browserTokenStore(storage);
    tab.save(ada(1));
    // An earlier version in another tab kept a bare refresh token.
    storage.setItem('flock.refreshToken', 'bea-r1');
    expect(tab.load()).toEqual({ accessToken: '', refreshToken: 'bea-r1' });
  });

  it('a request refused in one tab after another tab signed someone else in is not sent again', async () => {
    const storage = memoryStorage();
    const tabA = browserTokenStore(storage);
    const tabB = browserTokenStore(storage);
    tabB.save(ada(1));
    const refusal = held<Response>();
    const { fetch, calls } = scriptedFetch((call) => {
      if (call.operationName === 'RefreshSession') {
        return json({ data: { refreshSession: beaSession(2) } });
      }
      if (call.headers.authorization === 'Bearer a1') return refusal.promise;
      return json({ data: { createPost: { id: 'p1' } } });
    });
    const client = new FlockClient({ url: 'u', fetch, tokens: tabB });
    const post = client.request(CreatePostDocument, { body: 'from Ada' });
    await vi.waitFor(() => expect(calls).toHaveLength(1));
    tabA.save(null);
    tabA.save(bea(1));
    refusal.settle(unauthenticated());
    await expect(post).rejects.toMatchObject({ code: 'UNAUTHENTICATED', status: 401 });
    // Neither sent again nor used to rotate Bea's refresh token.
    expect(calls.map((c) => c.operationName)).toEqual(['CreatePost']);
    expect(tabB.load()).toEqual({ accessToken: '', refreshToken: 'bea-r1', userId: 'u2' });
  });
});

function headersOf(init: HeadersInit | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  new Headers(init).forEach((value, name) => {
    headers[name] = value;
  });
  return headers;
}

/** The RequestInit that reproduces a recorded call (to hand it on to another script). */
function requestInit(call: Call): RequestInit {
  return {
    method: call.method,
    headers: call.headers,
    body: JSON.stringify({
      query: call.query,
      operationName: call.operationName,
      variables: call.variables,
    }),
  };
}
