import { resolveLocalStack } from '@flock/env';
import { rebuildFeed } from '@flock/feed/rebuild';
import { createTimelines, defaultTimelineSettings, feedKeys } from '@flock/feed/timelines';
import { createRedis } from '@flock/redis';
import { pollFor, testLogger } from '@flock/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql } from './__generated__';
import {
  dataOf,
  devAccessToken,
  errorOf,
  graphql,
  type Member,
  nonNull,
  registerMember,
  startTestStack,
  type TestStack,
} from './harness';

// Account deletion end to end: identity deletes, and the network worker, posts, the feed
// worker and the mailer each remove what they hold from identity.account-deleted.v1.
const local = resolveLocalStack(process.env);
const logger = testLogger();
const redis = createRedis({ url: local.redisUrl, logger });
let stack: TestStack;

beforeAll(async () => {
  await redis.connect();
  // Every service of the stack in one process on a busy 2-core machine: a subgraph may take
  // longer than the default 4 s to answer; this test is about outcomes, not latency.
  stack = await startTestStack({
    mailer: true,
    network: true,
    feed: {},
    gatewayEnv: { SUBGRAPH_TIMEOUT_MS: '20000' },
  });
}, 180_000);
afterAll(async () => {
  await stack?.stop();
  await redis.quit();
});

const url = () => stack.gatewayUrl;
type FeedKeyName = 'posts' | 'timeline' | 'followers' | 'following' | 'home';
const key = (userId: string, name: FeedKeyName) =>
  feedKeys(stack.feedPrefix ?? 'feed')[name](userId);

/** A member whose graph node and home timeline exist (their registration was consumed). */
async function member(prefix: string): Promise<Member> {
  const user = await registerMember(url(), { prefix, displayName: `${prefix} person` });
  await pollFor(async () => (await redis.exists(key(user.id, 'home'))) === 1, {
    timeoutMs: 60_000,
    description: 'the home timeline',
  });
  await pollFor(
    async () => dataOf(await graphql(url(), GRAPH_NODE, { id: user.id })).user?.followerCount === 0,
    { timeoutMs: 60_000, description: 'the graph node' },
  );
  return user;
}

const GRAPH_NODE = gql(`
  query DeletionGraphNode($id: ID) { user(id: $id) { followerCount } }
`);
const PROFILE = gql(`
  query DeletionProfile($id: ID, $username: String) {
    user(id: $id, username: $username) {
      id username followerCount followingCount
      followers(limit: 100) { id }
      following(limit: 100) { id }
      posts(first: 100) { edges { node { id } } }
      timeline(first: 100) { edges { node { id } } }
    }
  }
`);
async function profile(id: string) {
  return dataOf(await graphql(url(), PROFILE, { id })).user;
}

const FOLLOW = gql(`
  mutation DeletionFollow($id: ID!) { follow(userId: $id) { id } }
`);
async function follow(who: Member, whom: Member) {
  expect(
    (await graphql(url(), FOLLOW, { id: whom.id }, { token: who.token })).errors,
  ).toBeUndefined();
}

const CREATE_POST = gql(`
  mutation DeletionCreatePost($body: String!, $replyToId: ID) {
    createPost(body: $body, replyToId: $replyToId) { id }
  }
`);
async function post(author: Member, body: string, replyToId?: string) {
  return dataOf(await graphql(url(), CREATE_POST, { body, replyToId }, { token: author.token }))
    .createPost.id;
}

const LIKE = gql(`
  mutation DeletionLike($id: ID!) { likePost(id: $id) { likeCount } }
`);
async function like(who: Member, postId: string) {
  return graphql(url(), LIKE, { id: postId }, { token: who.token });
}

const POST = gql(`
  query DeletionPost($id: ID!) {
    post(id: $id) {
      id body likeCount replyCount author { id username }
      replyTo { id }
      replies(first: 100) { edges { node { id author { id } } } }
    }
  }
`);
async function postById(id: string) {
  return dataOf(await graphql(url(), POST, { id })).post;
}

const HOME = gql(`
  query DeletionHome { homeFeed(first: 100) { edges { node { id author { id username } } } } }
`);
/** A home's posts; an entry whose post the posts subgraph no longer has is `null`. */
async function homeEntries(viewer: Member) {
  const r = await graphql(url(), HOME, {}, { token: viewer.token });
  expect(r.errors).toBeUndefined();
  return nonNull(dataOf(r).homeFeed, 'homeFeed').edges.map((e) => e.node);
}
async function home(viewer: Member) {
  return (await homeEntries(viewer)).flatMap((p) => (p ? [p] : []));
}

const SUGGESTED = gql(`
  query DeletionSuggested { suggestedFollows(first: 100) { id } }
`);
async function suggested(viewer: Member) {
  return dataOf(await graphql(url(), SUGGESTED, {}, { token: viewer.token })).suggestedFollows.map(
    (u) => u.id,
  );
}

const DELETE_ACCOUNT = gql(`
  mutation DeletionDelete($password: String) { deleteAccount(password: $password) }
`);
const ME = gql(`
  query DeletionMe { me { id } }
`);
const REFRESH = gql(`
  mutation DeletionRefresh($token: String!) { refreshSession(refreshToken: $token) { accessToken } }
`);
const LOGIN = gql(`
  mutation DeletionLogin($input: LoginInput!) { login(input: $input) { accessToken } }
`);
const UPDATE_PROFILE = gql(`
  mutation DeletionUpdateProfile($bio: String) { updateProfile(input: { bio: $bio }) { id } }
`);
const REGISTER = gql(`
  mutation DeletionRegister($input: RegisterInput!) { register(input: $input) { user { id } } }
`);

interface CaughtEmail {
  subject: string;
  text: string;
  to: { address: string }[];
}

describe('deleteAccount through the gateway', () => {
  it('refuses without a token, with a wrong password, and without a password or a recent sign-in', async () => {
    const someone = await registerMember(url(), { prefix: 'delbad' });
    expect(errorOf(await graphql(url(), DELETE_ACCOUNT, { password: 'x' })).code).toBe(
      'UNAUTHENTICATED',
    );
    const wrong = errorOf(
      await graphql(
        url(),
        DELETE_ACCOUNT,
        { password: 'not the password' },
        { token: someone.token },
      ),
    );
    expect(wrong).toMatchObject({ code: 'BAD_USER_INPUT', field: 'password' });
    const tooLong = errorOf(
      await graphql(url(), DELETE_ACCOUNT, { password: 'x'.repeat(129) }, { token: someone.token }),
    );
    expect(tooLong).toMatchObject({ code: 'BAD_USER_INPUT', field: 'password' });
    // A token of no session signed in lately (here: of no session at all) needs the password.
    const noRecentSignIn = await devAccessToken(someone.id);
    const noPassword = errorOf(await graphql(url(), DELETE_ACCOUNT, {}, { token: noRecentSignIn }));
    expect(noPassword).toMatchObject({ code: 'BAD_USER_INPUT', field: 'password' });
    // The account is still there.
    expect(dataOf(await graphql(url(), ME, {}, { token: someone.token })).me.id).toBe(someone.id);
  });

  it('accepts a recent sign-in instead of the password', async () => {
    const quick = await registerMember(url(), { prefix: 'delquick' });
    // register signed in a moment ago: that session is recent.
    expect(dataOf(await graphql(url(), DELETE_ACCOUNT, {}, { token: quick.token }))).toEqual({
      deleteAccount: true,
    });
    expect(errorOf(await graphql(url(), ME, {}, { token: quick.token })).code).toBe(
      'UNAUTHENTICATED',
    );
  });

  it('removes the person from every query, every other feed and a rebuild, and confirms by email', async () => {
    const gone = await member('delgone');
    const fan = await member('delfan'); // follows gone
    const friend = await member('delfriend'); // follows gone, followed by gone
    const other = await member('delother'); // followed by gone; follows fan

    await follow(fan, gone);
    await follow(friend, gone);
    await follow(gone, friend);
    await follow(gone, other);
    await follow(other, fan);

    const lonely = await post(gone, 'a post nobody answered');
    const answered = await post(gone, 'a post someone answered');
    const answer = await post(fan, 'an answer to gone', answered);
    const fanPost = await post(fan, 'a post by fan');
    const reply = await post(gone, 'a reply by gone nobody answered', fanPost);
    const friendPost = await post(friend, 'a post by friend');
    const answeredReply = await post(gone, 'a reply by gone that other answered', friendPost);
    const replyToReply = await post(other, 'an answer to the reply of gone', answeredReply);
    expect((await like(gone, fanPost)).errors).toBeUndefined();
    expect((await like(gone, friendPost)).errors).toBeUndefined();
    expect((await like(fan, lonely)).errors).toBeUndefined();
    expect((await like(friend, fanPost)).errors).toBeUndefined();

    // Before: their posts are in their followers' homes (and through the gateway's entity
    // cache: the homes' authors are cached User entities), they are suggested to `other`.
    for (const viewer of [fan, friend]) {
      await pollFor(
        async () => {
          const ids = (await home(viewer)).map((p) => p.id);
          return ids.includes(lonely) && ids.includes(answered);
        },
        { timeoutMs: 60_000, description: 'the posts of gone in a follower’s home' },
      );
    }
    expect((await home(fan)).find((p) => p.id === lonely)?.author?.username).toBe(gone.username);
    expect(await suggested(other)).toContain(gone.id);
    expect((await profile(fan.id))?.followingCount).toBe(1);
    expect((await profile(friend.id))?.followerCount).toBe(1);
    expect((await postById(fanPost))?.likeCount).toBe(2);

    // Delete (the password), once.
    expect(
      dataOf(
        await graphql(url(), DELETE_ACCOUNT, { password: gone.password }, { token: gone.token }),
      ),
    ).toEqual({ deleteAccount: true });

    // Identity: gone at once, the username and the email too; the old token and the refresh
    // token do nothing; a second deletion is refused.
    expect(await profile(gone.id)).toBeNull();
    expect(dataOf(await graphql(url(), PROFILE, { username: gone.username })).user).toBeNull();
    expect(errorOf(await graphql(url(), ME, {}, { token: gone.token })).code).toBe(
      'UNAUTHENTICATED',
    );
    expect(errorOf(await graphql(url(), REFRESH, { token: gone.refreshToken })).code).toBe(
      'UNAUTHENTICATED',
    );
    expect(
      errorOf(
        await graphql(url(), LOGIN, { input: { login: gone.username, password: gone.password } }),
      ).code,
    ).toBe('UNAUTHENTICATED');
    expect(
      errorOf(
        await graphql(url(), DELETE_ACCOUNT, { password: gone.password }, { token: gone.token }),
      ).code,
    ).toBe('UNAUTHENTICATED');

    // The other services catch up from the event.
    await pollFor(
      async () => {
        const [f, fr, o] = await Promise.all([
          profile(fan.id),
          profile(friend.id),
          profile(other.id),
        ]);
        return (
          f?.followingCount === 0 &&
          fr?.followerCount === 0 &&
          fr.followingCount === 0 &&
          o?.followerCount === 0 &&
          (await postById(lonely)) === null
        );
      },
      { timeoutMs: 60_000, description: 'the network and posts to remove the account' },
    );
    for (const id of [fan.id, friend.id, other.id]) {
      const p = nonNull(await profile(id), 'profile');
      const related = [...p.followers, ...p.following].map((u) => u.id);
      expect(related).not.toContain(gone.id);
    }
    // Writes with the token that outlives the account are refused everywhere.
    for (const r of [
      await graphql(url(), CREATE_POST, { body: 'from beyond' }, { token: gone.token }),
      await like(gone, fanPost),
      await graphql(url(), FOLLOW, { id: fan.id }, { token: gone.token }),
      await graphql(url(), UPDATE_PROFILE, { bio: 'still here?' }, { token: gone.token }),
    ]) {
      expect(errorOf(r).code).toBe('UNAUTHENTICATED');
    }
    expect(await profile(gone.id)).toBeNull();

    // Posts: theirs are gone; replies others wrote stay, their parent now null; counts drop.
    for (const id of [lonely, answered, reply, answeredReply])
      expect(await postById(id)).toBeNull();
    const answerNow = nonNull(await postById(answer), 'answer');
    expect(answerNow.replyTo).toBeNull();
    expect(nonNull(await postById(replyToReply), 'reply to reply').replyTo).toBeNull();
    await pollFor(
      async () => {
        const [f, fr] = await Promise.all([postById(fanPost), postById(friendPost)]);
        return (
          f?.likeCount === 1 && fr?.likeCount === 0 && f.replyCount === 0 && fr.replyCount === 0
        );
      },
      {
        timeoutMs: 60_000,
        description: 'like and reply counts without gone (the entity cache keeps counts 5 s)',
      },
    );
    const fanPostNow = nonNull(await postById(fanPost), 'fan post');
    expect(fanPostNow.replies.edges).toEqual([]);

    // Feed: out of every home and follower set, their own keys dropped (tombstone kept).
    await pollFor(
      async () => {
        const homes = await Promise.all([
          homeEntries(fan),
          homeEntries(friend),
          homeEntries(other),
        ]);
        return homes.every((h) => h.every((p) => p !== null && p.author?.id !== gone.id));
      },
      { timeoutMs: 60_000, description: 'the posts of gone out of every home' },
    );
    expect((await home(fan)).map((p) => p.id)).toContain(fanPost);
    expect(await redis.sIsMember(key(friend.id, 'followers'), gone.id)).toBe(0);
    expect(await redis.sIsMember(key(fan.id, 'following'), gone.id)).toBe(0);
    for (const name of ['posts', 'timeline', 'followers', 'following', 'home'] as const) {
      expect(await redis.exists(key(gone.id, name))).toBe(0);
    }
    expect(await suggested(other)).not.toContain(gone.id);
    const fanProfile = nonNull(await profile(fan.id), 'fan');
    expect(fanProfile.timeline?.edges.map((e) => e.node?.id)).toEqual([fanPost, answer]);

    // The mailer confirms to the address the account had.
    const emails = await pollFor(
      async () => {
        const all = (await (await fetch(`${local.mailWebUrl}/api/email`)).json()) as CaughtEmail[];
        const theirs = all.filter(
          (e) => e.to.some((t) => t.address === gone.email) && /was deleted/.test(e.subject),
        );
        return theirs.length > 0 && theirs;
      },
      { timeoutMs: 60_000, description: 'the deletion email' },
    );
    expect(emails).toHaveLength(1);
    expect(emails[0]?.subject).toBe(`Your Flock account @${gone.username} was deleted`);

    // The username and email are free: a new account takes them, with a new id.
    const again = dataOf(
      await graphql(url(), REGISTER, {
        input: { username: gone.username, email: gone.email, password: 'another password' },
      }),
    ).register.user;
    expect(again.id).not.toBe(gone.id);

    // A rebuild of the feed (flush, replay every topic from the start) resurrects nothing.
    const timelines = createTimelines(redis, {
      ...defaultTimelineSettings,
      prefix: nonNull(stack.feedPrefix, 'feed prefix'),
    });
    const rebuilt = await rebuildFeed({
      redis,
      timelines,
      brokers: local.kafkaBrokers,
      logger,
    });
    expect(rebuilt.events).toBeGreaterThan(0);
    for (const viewer of [fan, friend, other]) {
      const entries = await homeEntries(viewer);
      expect(entries.every((p) => p !== null && p.author?.id !== gone.id)).toBe(true);
    }
    expect((await home(fan)).map((p) => p.id)).toContain(fanPost);
    expect(await redis.sIsMember(key(friend.id, 'followers'), gone.id)).toBe(0);
    expect(await redis.sIsMember(key(fan.id, 'following'), gone.id)).toBe(0);
    expect(await redis.sIsMember(key(other.id, 'followers'), fan.id)).toBe(0);
    expect(await redis.sIsMember(key(fan.id, 'followers'), other.id)).toBe(1);
    for (const name of ['posts', 'timeline', 'followers', 'following', 'home'] as const) {
      expect(await redis.exists(key(gone.id, name))).toBe(0);
    }
  }, 300_000); // many services in one process on a busy machine: minutes, not seconds
});
