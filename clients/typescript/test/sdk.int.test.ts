import { devAccessToken, startTestStack, type TestStack } from '@flock/gateway/test-harness';
import { pollFor, uniqueId } from '@flock/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  ChangeEmailDocument,
  CreatePostDocument,
  DeletePostDocument,
  FlockClient,
  FlockError,
  FollowDocument,
  FollowersDocument,
  FollowingDocument,
  HomeFeedDocument,
  LikePostDocument,
  MeDocument,
  MySessionsDocument,
  memoryTokenStore,
  PostDocument,
  PostRepliesDocument,
  RequestPasswordResetDocument,
  ResetPasswordDocument,
  RevokeOtherSessionsDocument,
  type SessionFragment,
  SignInDocument,
  SuggestedFollowsDocument,
  UnfollowDocument,
  UnlikePostDocument,
  UpdateProfileDocument,
  UserByUsernameDocument,
  UserTimelineDocument,
} from '../src';

/**
 * Every SDK operation, through FlockClient, against the real services (gateway, identity,
 * network and its worker, posts, feed and its worker): what an app does, end to end.
 */

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack({
    network: true,
    feed: {},
    // This suite checks the SDK, not latency: on a loaded machine (2 cores, load 28) a
    // follow-graph query planned for the first time took longer than the gateway's 4 s.
    gatewayEnv: { SUBGRAPH_TIMEOUT_MS: '15000' },
  });
}, 120_000);
afterAll(async () => {
  await stack?.stop();
});

const PASSWORD = 'long enough password';

interface Person {
  client: FlockClient;
  session: SessionFragment;
  id: string;
  username: string;
  email: string;
  /** The operations this person's client sent and the HTTP status of each answer. */
  sent: { operation: string | undefined; status: number }[];
  onSessionEnded: ReturnType<typeof vi.fn>;
}

/** A client that records what it sends (to count refreshes). */
function recordingClient() {
  const sent: Person['sent'] = [];
  const onSessionEnded = vi.fn();
  const store = memoryTokenStore();
  const client = new FlockClient({
    url: stack.gatewayUrl,
    tokens: store,
    onSessionEnded,
    fetch: async (input, init) => {
      const response = await fetch(input, init);
      const { operationName } = JSON.parse(String(init?.body)) as { operationName?: string };
      sent.push({ operation: operationName, status: response.status });
      return response;
    },
  });
  return { client, store, sent, onSessionEnded };
}

/** Signs a new person up, and waits until the follow graph knows them (Kafka-driven). */
async function signUp(prefix: string, displayName?: string): Promise<Person> {
  const { client, sent, onSessionEnded } = recordingClient();
  const username = uniqueId(prefix);
  const email = `${username}@example.com`;
  const session = await client.signUp({ username, email, password: PASSWORD, displayName });
  await pollFor(
    async () => (await client.execute(UserByUsernameDocument, { username })).errors.length === 0,
    { timeoutMs: 30_000, description: `${username} in the follow graph` },
  );
  return { client, session, id: session.user.id, username, email, sent, onSessionEnded };
}

const refreshesOf = (person: Pick<Person, 'sent'>) =>
  person.sent.filter((s) => s.operation === 'RefreshSession');

/** Whatever a failing call threw, as a FlockError (fails the test if it is something else). */
async function flockErrorOf(call: Promise<unknown>): Promise<FlockError> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof FlockError)) throw new Error(`expected a FlockError, got ${error}`);
  return error;
}

describe('@flock/client against the stack', () => {
  it('signs up and in, reads me and profiles', async () => {
    const ada = await signUp('sdka', 'Ada');
    expect(ada.session.user).toEqual({ id: ada.id, username: ada.username, displayName: 'Ada' });
    expect(ada.client.signedIn).toBe(true);
    expect(ada.client.tokens).toEqual({
      accessToken: ada.session.accessToken,
      refreshToken: ada.session.refreshToken,
      accessTokenExpiresAt: ada.session.accessTokenExpiresAt,
      refreshTokenExpiresAt: ada.session.refreshTokenExpiresAt,
      userId: ada.id,
    });

    const { me } = await ada.client.request(MeDocument);
    expect(me).toMatchObject({
      id: ada.id,
      username: ada.username,
      displayName: 'Ada',
      email: ada.email,
      emailVerified: false,
      bio: null,
      followerCount: 0,
      followingCount: 0,
    });

    // Another device: by email, then by username; each sign-in is a session of its own.
    const laptop = new FlockClient({ url: stack.gatewayUrl });
    const signedIn = await laptop.signIn(ada.email, PASSWORD);
    expect(signedIn.user.id).toBe(ada.id);
    expect(laptop.tokens?.refreshToken).not.toBe(ada.session.refreshToken);
    await laptop.signIn(ada.username, PASSWORD);
    expect((await laptop.request(MeDocument)).me.id).toBe(ada.id);

    const stranger = new FlockClient({ url: stack.gatewayUrl });
    const taken = await flockErrorOf(
      stranger.signUp({ username: ada.username, email: ada.email, password: PASSWORD }),
    );
    expect(taken).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.username' });
    expect(taken.problems?.map((p) => p.field)).toEqual(['input.username', 'input.email']);
    const wrong = await flockErrorOf(stranger.signIn(ada.username, 'not the password'));
    expect(wrong.code).toBe('UNAUTHENTICATED');
    expect(stranger.signedIn).toBe(false);
    // Signed out, a profile still reads (viewer relations false).
    const { user } = await stranger.request(UserByUsernameDocument, { username: ada.username });
    expect(user).toMatchObject({
      id: ada.id,
      username: ada.username,
      followerCount: 0,
      viewerFollows: false,
      followsViewer: false,
    });
    const meSignedOut = await flockErrorOf(stranger.request(MeDocument));
    expect(meSignedOut.code).toBe('UNAUTHENTICATED');
    const nobody = await stranger.request(UserByUsernameDocument, { username: uniqueId('none') });
    expect(nobody.user).toBeNull();
  });

  it('follows and unfollows, pages followers and following newest first, suggests people', async () => {
    const ada = await signUp('sdkf');
    const ben = await signUp('sdkf');
    const cy = await signUp('sdkf');
    const dee = await signUp('sdkf');

    for (const follower of [ben, cy, dee]) {
      const { follow } = await follower.client.request(FollowDocument, { userId: ada.id });
      expect(follow).toMatchObject({ id: ada.id, username: ada.username, viewerFollows: true });
    }
    await ada.client.request(FollowDocument, { userId: ben.id });

    const profile = await ben.client.request(UserByUsernameDocument, { username: ada.username });
    expect(profile.user).toMatchObject({
      followerCount: 3,
      followingCount: 1,
      viewerFollows: true,
      followsViewer: true,
    });

    // Newest follow first, two per page.
    const first = await ada.client.request(FollowersDocument, { username: ada.username, first: 2 });
    const page1 = first.user?.followersConnection;
    expect(page1?.totalCount).toBe(3);
    expect(page1?.edges.map((e) => e.node.username)).toEqual([dee.username, cy.username]);
    expect(page1?.pageInfo.hasNextPage).toBe(true);
    // Ada follows Ben, not Cy or Dee.
    expect(page1?.edges.map((e) => e.node.viewerFollows)).toEqual([false, false]);
    const [newer, older] = page1?.edges ?? [];
    expect(Date.parse(newer?.properties.createdAt ?? '')).toBeGreaterThanOrEqual(
      Date.parse(older?.properties.createdAt ?? ''),
    );
    const second = await ada.client.request(FollowersDocument, {
      username: ada.username,
      first: 2,
      after: page1?.pageInfo.endCursor,
    });
    const page2 = second.user?.followersConnection;
    expect(page2?.edges.map((e) => [e.node.username, e.node.viewerFollows])).toEqual([
      [ben.username, true],
    ]);
    expect(page2?.pageInfo.hasNextPage).toBe(false);

    // Ben follows Ada, then Cy: newest first, one per page.
    await ben.client.request(FollowDocument, { userId: cy.id });
    const following1 = await cy.client.request(FollowingDocument, {
      username: ben.username,
      first: 1,
    });
    const followingPage1 = following1.user?.followingConnection;
    expect(followingPage1?.totalCount).toBe(2);
    expect(followingPage1?.edges.map((e) => e.node.username)).toEqual([cy.username]);
    expect(followingPage1?.pageInfo.hasNextPage).toBe(true);
    const following2 = await cy.client.request(FollowingDocument, {
      username: ben.username,
      first: 1,
      after: followingPage1?.pageInfo.endCursor,
    });
    expect(
      following2.user?.followingConnection.edges.map((e) => [
        e.node.username,
        e.node.viewerFollows,
      ]),
    ).toEqual([[ada.username, true]]);
    expect(following2.user?.followingConnection.pageInfo.hasNextPage).toBe(false);

    // Ada follows Ben, who follows Cy (a third person): Cy is suggested to Ada.
    const { suggestedFollows } = await ada.client.request(SuggestedFollowsDocument, { first: 5 });
    expect(suggestedFollows.map((u) => u.username)).toContain(cy.username);
    expect(suggestedFollows.map((u) => u.username)).not.toContain(ben.username);
    // Cy follows Ada: the suggestion says so.
    expect(suggestedFollows.find((u) => u.id === cy.id)?.followsViewer).toBe(true);

    const { unfollow } = await dee.client.request(UnfollowDocument, { userId: ada.id });
    expect(unfollow).toMatchObject({ id: ada.id, followerCount: 2, viewerFollows: false });
    const after = await ada.client.request(FollowersDocument, { username: ada.username });
    expect(after.user?.followersConnection.edges.map((e) => e.node.username)).toEqual([
      cy.username,
      ben.username,
    ]);

    // Following yourself: BAD_USER_INPUT; an unknown user: NOT_FOUND.
    const self = await flockErrorOf(ada.client.request(FollowDocument, { userId: ada.id }));
    expect(self.code).toBe('BAD_USER_INPUT');
    const unknown = await flockErrorOf(
      ada.client.request(FollowDocument, { userId: crypto.randomUUID() }),
    );
    expect(unknown.code).toBe('NOT_FOUND');
  });

  it('posts, replies, pages replies, timelines and the home feed; likes; deletes', async () => {
    const ada = await signUp('sdkp', 'Ada');
    const ben = await signUp('sdkp');
    await ben.client.request(FollowDocument, { userId: ada.id });

    const post = async (author: Person, body: string, replyToId?: string) =>
      (await author.client.request(CreatePostDocument, { body, replyToId })).createPost;
    const p1 = await post(ada, 'first');
    expect(p1).toMatchObject({
      body: 'first',
      editedAt: null,
      likeCount: 0,
      replyCount: 0,
      viewerHasLiked: false,
      author: { id: ada.id, username: ada.username, displayName: 'Ada' },
      replyTo: null,
    });
    const p2 = await post(ada, 'second');
    const p3 = await post(ada, 'third');
    const b1 = await post(ben, 'ben here');
    const r1 = await post(ben, 'a reply', p1.id);
    expect(r1.replyTo).toEqual({
      id: p1.id,
      author: { id: ada.id, username: ada.username, displayName: 'Ada' },
    });
    const r2 = await post(ada, 'a reply back', p1.id);

    // Replies: oldest first, one per page.
    const replies1 = await ben.client.request(PostRepliesDocument, { id: p1.id, first: 1 });
    expect(replies1.post?.replies.edges.map((e) => e.node.id)).toEqual([r1.id]);
    expect(replies1.post?.replies.pageInfo.hasNextPage).toBe(true);
    const replies2 = await ben.client.request(PostRepliesDocument, {
      id: p1.id,
      first: 1,
      after: replies1.post?.replies.pageInfo.endCursor,
    });
    expect(replies2.post?.replies.edges.map((e) => e.node.id)).toEqual([r2.id]);
    expect(replies2.post?.replies.pageInfo.hasNextPage).toBe(false);
    expect((await ben.client.request(PostDocument, { id: p1.id })).post?.replyCount).toBe(2);

    // Ben's home (once the feed worker delivered): his own and Ada's top-level posts, newest
    // first, two per page.
    const homeIds = async (first: number, after?: string | null) => {
      const { homeFeed } = await ben.client.request(HomeFeedDocument, { first, after });
      if (!homeFeed) throw new Error('homeFeed is null');
      return { ids: homeFeed.edges.map((e) => e.node?.id), pageInfo: homeFeed.pageInfo };
    };
    const expectedHome = [b1.id, p3.id, p2.id, p1.id];
    await pollFor(
      async () => JSON.stringify((await homeIds(10)).ids) === JSON.stringify(expectedHome),
      { timeoutMs: 30_000, description: "the posts in Ben's home feed" },
    );
    const home1 = await homeIds(2);
    expect(home1.ids).toEqual([b1.id, p3.id]);
    expect(home1.pageInfo.hasNextPage).toBe(true);
    const home2 = await homeIds(2, home1.pageInfo.endCursor);
    expect(home2.ids).toEqual([p2.id, p1.id]);
    expect(home2.pageInfo.hasNextPage).toBe(false);

    // Ada's timeline: her posts and replies, newest first.
    const timelineIds = async (first: number, after?: string | null) => {
      const { user } = await ben.client.request(UserTimelineDocument, {
        username: ada.username,
        first,
        after,
      });
      if (!user?.timeline) throw new Error('no timeline');
      return { ids: user.timeline.edges.map((e) => e.node?.id), pageInfo: user.timeline.pageInfo };
    };
    const expectedTimeline = [r2.id, p3.id, p2.id, p1.id];
    await pollFor(
      async () => JSON.stringify((await timelineIds(10)).ids) === JSON.stringify(expectedTimeline),
      { timeoutMs: 30_000, description: "Ada's timeline" },
    );
    const timeline1 = await timelineIds(3);
    expect(timeline1.ids).toEqual([r2.id, p3.id, p2.id]);
    expect(timeline1.pageInfo.hasNextPage).toBe(true);
    const timeline2 = await timelineIds(3, timeline1.pageInfo.endCursor);
    expect(timeline2.ids).toEqual([p1.id]);
    expect(timeline2.pageInfo.hasNextPage).toBe(false);

    // Likes: idempotent, seen by the liker only as viewerHasLiked.
    const liked = await ben.client.request(LikePostDocument, { id: p3.id });
    expect(liked.likePost).toEqual({ id: p3.id, likeCount: 1, viewerHasLiked: true });
    await ben.client.request(LikePostDocument, { id: p3.id });
    const seenByAda = await ada.client.request(PostDocument, { id: p3.id });
    expect(seenByAda.post).toMatchObject({ likeCount: 1, viewerHasLiked: false });
    const unliked = await ben.client.request(UnlikePostDocument, { id: p3.id });
    expect(unliked.unlikePost).toEqual({ id: p3.id, likeCount: 0, viewerHasLiked: false });

    // Delete: only the author; then the post is gone, from the feed too.
    const notYours = await flockErrorOf(ben.client.request(DeletePostDocument, { id: p2.id }));
    expect(notYours.code).toBe('FORBIDDEN');
    expect((await ada.client.request(DeletePostDocument, { id: p2.id })).deletePost).toBe(p2.id);
    expect((await ben.client.request(PostDocument, { id: p2.id })).post).toBeNull();
    const again = await flockErrorOf(ada.client.request(DeletePostDocument, { id: p2.id }));
    expect(again).toMatchObject({ code: 'NOT_FOUND', field: 'id' });
    await pollFor(async () => !(await homeIds(10)).ids.includes(p2.id), {
      timeoutMs: 30_000,
      description: 'the deleted post gone from the home feed',
    });
  });

  it('updates the profile; invalid input is BAD_USER_INPUT naming the field', async () => {
    const ada = await signUp('sdku', 'Ada');
    const { updateProfile } = await ada.client.request(UpdateProfileDocument, {
      input: { displayName: 'Ada L.', bio: 'Analyst' },
    });
    expect(updateProfile).toEqual({
      id: ada.id,
      username: ada.username,
      displayName: 'Ada L.',
      bio: 'Analyst',
    });
    expect((await ada.client.request(MeDocument)).me).toMatchObject({
      displayName: 'Ada L.',
      bio: 'Analyst',
    });

    const error = await flockErrorOf(
      ada.client.request(UpdateProfileDocument, { input: { displayName: 'x'.repeat(51) } }),
    );
    const field: string | undefined = error.field;
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(field).toBe('input.displayName');
    expect(error.problems?.map((p) => p.field)).toEqual(['input.displayName']);
    expect(error.path).toEqual(['updateProfile']);

    const empty = await flockErrorOf(ada.client.request(CreatePostDocument, { body: '   ' }));
    expect(empty).toMatchObject({ code: 'BAD_USER_INPUT', field: 'body' });

    // The same through execute: no data, the error typed.
    const { data, errors } = await ada.client.execute(UpdateProfileDocument, {
      input: { bio: 'b'.repeat(301) },
    });
    expect(data).toBeNull();
    expect(errors.map((e) => [e.code, e.field])).toEqual([['BAD_USER_INPUT', 'input.bio']]);
  });

  it('renews an access token that expired mid-session once, transparently', async () => {
    const ada = await signUp('sdkr');
    const { client, store, sent } = recordingClient();
    const expired = await devAccessToken(ada.id, { ttlSeconds: -60 });
    const refreshToken = ada.session.refreshToken;
    store.save({ accessToken: expired, refreshToken });

    const { me } = await client.request(MeDocument);
    expect(me.id).toBe(ada.id);
    expect(sent).toEqual([
      { operation: 'Me', status: 401 },
      { operation: 'RefreshSession', status: 200 },
      { operation: 'Me', status: 200 },
    ]);
    const renewed = client.tokens;
    expect(renewed?.accessToken).toBeTruthy();
    expect(renewed?.accessToken).not.toBe(expired);
    expect(renewed?.refreshToken).toBeTruthy();
    expect(renewed?.refreshToken).not.toBe(refreshToken);
    expect(Date.parse(renewed?.accessTokenExpiresAt ?? '')).toBeGreaterThan(Date.now());

    // Concurrent requests that all find the token expired share one refresh.
    store.save({ ...(renewed ?? { refreshToken: '' }), accessToken: expired });
    const answers = await Promise.all([
      client.request(MeDocument),
      client.request(HomeFeedDocument, { first: 1 }),
      client.request(UserByUsernameDocument, { username: ada.username }),
    ]);
    expect(answers[0].me.id).toBe(ada.id);
    expect(answers[2].user?.id).toBe(ada.id);
    expect(refreshesOf({ sent })).toHaveLength(2);
    expect(client.tokens?.refreshToken).not.toBe(renewed?.refreshToken);
  });

  it('a wrong password while signed in is one SignIn: no refresh, no second attempt', async () => {
    const ada = await signUp('sdkw');
    const before = ada.client.tokens;
    ada.sent.length = 0;
    const { data, errors } = await ada.client.execute(SignInDocument, {
      input: { login: ada.username, password: 'not the password' },
    });
    expect(data).toBeNull();
    expect(errors.map((e) => [e.code, e.status])).toEqual([['UNAUTHENTICATED', 200]]);
    expect(ada.sent).toEqual([{ operation: 'SignIn', status: 200 }]);
    // The session was not rotated, and still works.
    expect(ada.client.tokens).toEqual(before);
    expect((await ada.client.request(MeDocument)).me.id).toBe(ada.id);
  });

  it('never sends a refused post again as someone who signed in meanwhile', async () => {
    const [ada, bea] = await Promise.all([signUp('sdkx'), signUp('sdky')]);
    const sent: Person['sent'] = [];
    const store = memoryTokenStore({
      accessToken: await devAccessToken(ada.id, { ttlSeconds: -60 }),
      refreshToken: ada.session.refreshToken,
      userId: ada.id,
    });
    // Bea signs in on this client while Ada's post, sent with her expired token, is refused.
    const client: FlockClient = new FlockClient({
      url: stack.gatewayUrl,
      tokens: store,
      fetch: async (input, init) => {
        const response = await fetch(input, init);
        const { operationName } = JSON.parse(String(init?.body)) as { operationName?: string };
        sent.push({ operation: operationName, status: response.status });
        if (operationName === 'CreatePost' && response.status === 401) {
          await client.signIn(bea.username, PASSWORD);
        }
        return response;
      },
    });
    const error = await flockErrorOf(client.request(CreatePostDocument, { body: 'from Ada' }));
    expect(error).toMatchObject({ code: 'UNAUTHENTICATED', status: 401 });
    expect(sent).toEqual([
      { operation: 'CreatePost', status: 401 },
      { operation: 'SignIn', status: 200 },
    ]);
    expect(client.tokens?.userId).toBe(bea.id);
    const { user } = await client.request(UserTimelineDocument, {
      username: bea.username,
      first: 5,
    });
    expect(user?.timeline?.edges).toEqual([]);
  });

  it('ends the session when its refresh token was revoked elsewhere', async () => {
    const ada = await signUp('sdke');
    // Another client of the same session signs out: the server revokes the session.
    const elsewhere = new FlockClient({
      url: stack.gatewayUrl,
      tokens: memoryTokenStore(ada.client.tokens),
    });
    await elsewhere.signOut();
    expect(elsewhere.signedIn).toBe(false);

    // Ada's access token expires: the refresh is refused, the session is over.
    const { client, store, sent, onSessionEnded } = recordingClient();
    store.save({
      accessToken: await devAccessToken(ada.id, { ttlSeconds: -60 }),
      refreshToken: ada.session.refreshToken,
    });
    const error = await flockErrorOf(client.request(MeDocument));
    expect(error.code).toBe('UNAUTHENTICATED');
    expect(error.status).toBe(401);
    expect(onSessionEnded).toHaveBeenCalledTimes(1);
    expect(client.signedIn).toBe(false);
    expect(sent.map((s) => s.operation)).toEqual(['Me', 'RefreshSession']);
  });

  it('refresh() rotates the pair; signOut ends the session on the server', async () => {
    const ada = await signUp('sdks');
    const before = ada.client.tokens;
    expect(await ada.client.refresh()).toBe(true);
    const after = ada.client.tokens;
    expect(after?.refreshToken).not.toBe(before?.refreshToken);
    expect(after?.accessToken).not.toBe(before?.accessToken);
    expect((await ada.client.request(MeDocument)).me.id).toBe(ada.id);

    await ada.client.signOut();
    expect(ada.client.signedIn).toBe(false);
    expect(ada.client.tokens).toBeNull();
    // The signed-out session's refresh token no longer renews anything.
    const onSessionEnded = vi.fn();
    const replay = new FlockClient({
      url: stack.gatewayUrl,
      tokens: memoryTokenStore(after),
      onSessionEnded,
    });
    expect(await replay.refresh()).toBe(false);
    expect(onSessionEnded).toHaveBeenCalledTimes(1);
    expect(replay.signedIn).toBe(false);
    // Signed out, the client asks as nobody.
    expect((await flockErrorOf(ada.client.request(MeDocument))).code).toBe('UNAUTHENTICATED');
  });

  it('lists and ends sessions, asks for resets, and deletes the account, forgetting the session', async () => {
    const ada = await signUp('sdkacct');
    const laptop = new FlockClient({ url: stack.gatewayUrl });
    await laptop.signIn(ada.username, PASSWORD);
    const { mySessions } = await ada.client.request(MySessionsDocument);
    expect(mySessions).toHaveLength(2);
    expect(mySessions.filter((s) => s.current)).toHaveLength(1);

    expect((await ada.client.request(RevokeOtherSessionsDocument)).revokeOtherSessions).toBe(1);
    // The laptop's refresh token is refused at once.
    expect(await laptop.refresh()).toBe(false);
    expect(laptop.signedIn).toBe(false);

    // Registered or not, the same answer; a made-up token names the field.
    for (const email of [ada.email, `${uniqueId('nobody')}@example.com`]) {
      expect(
        (await ada.client.request(RequestPasswordResetDocument, { email })).requestPasswordReset,
      ).toBe(true);
    }
    const badToken = await flockErrorOf(
      ada.client.request(ResetPasswordDocument, { token: 'made-up', newPassword: PASSWORD }),
    );
    expect(badToken).toMatchObject({ code: 'BAD_USER_INPUT', field: 'token' });
    const wrongPassword = await flockErrorOf(
      ada.client.request(ChangeEmailDocument, {
        newEmail: `${uniqueId('new')}@example.com`,
        currentPassword: 'not the password',
      }),
    );
    expect(wrongPassword).toMatchObject({ code: 'BAD_USER_INPUT', field: 'currentPassword' });

    // A refused deletion keeps the session; a done one forgets it.
    const refused = await flockErrorOf(ada.client.deleteAccount('not the password'));
    expect(refused).toMatchObject({ code: 'BAD_USER_INPUT', field: 'password' });
    expect(ada.client.signedIn).toBe(true);
    await ada.client.deleteAccount(PASSWORD);
    expect(ada.client.signedIn).toBe(false);
    const stranger = new FlockClient({ url: stack.gatewayUrl });
    expect(
      (await stranger.request(UserByUsernameDocument, { username: ada.username })).user,
    ).toBeNull();
    expect((await flockErrorOf(stranger.signIn(ada.username, PASSWORD))).code).toBe(
      'UNAUTHENTICATED',
    );
  });
});
