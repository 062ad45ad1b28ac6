import { beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_EMAIL_DOMAIN,
  type DemoNetwork,
  generateDemoNetwork,
  SIGN_IN_EMAIL_DOMAIN,
  SIGN_INS,
} from '../generate';

const DAY = 86_400_000;
let big: DemoNetwork;

beforeAll(() => {
  big = generateDemoNetwork({ users: 3000 });
}, 60_000);

function followerCounts(network: DemoNetwork): number[] {
  const counts = new Array<number>(network.users.length).fill(0);
  for (const f of network.follows) counts[f.followee] = (counts[f.followee] ?? 0) + 1;
  return counts.sort((a, b) => a - b);
}

describe('generateDemoNetwork', () => {
  it('is deterministic: same options, same network; another seed, another one', () => {
    const a = generateDemoNetwork({ users: 200, seed: 7 });
    expect(generateDemoNetwork({ users: 200, seed: 7 })).toEqual(a);
    const b = generateDemoNetwork({ users: 200, seed: 8 });
    expect(b.users.slice(3).map((u) => u.username)).not.toEqual(
      a.users.slice(3).map((u) => u.username),
    );
    expect(b.follows).not.toEqual(a.follows);
  });

  it('gives each user a valid, unique username, a name, a bio and a demo address', () => {
    expect(new Set(big.users.map((u) => u.username)).size).toBe(3000);
    const wrong = big.users.filter((user) => {
      const domain = user.signIn ? SIGN_IN_EMAIL_DOMAIN : DEMO_EMAIL_DOMAIN;
      return (
        !/^[a-z0-9_]{3,30}$/.test(user.username) ||
        user.displayName.length <= 3 ||
        user.bio.length <= 3 ||
        user.bio.length > 300 ||
        user.email !== `${user.username}@${domain}`
      );
    });
    expect(wrong).toEqual([]);
  });

  it('starts with the sign-ins, under the prefix when there is one', () => {
    expect(big.users.slice(0, 3).map((u) => u.username)).toEqual(SIGN_INS.map((s) => s.handle));
    expect(big.users.filter((u) => u.signIn)).toHaveLength(SIGN_INS.length);
    const prefixed = generateDemoNetwork({ users: 50, usernamePrefix: 't1_' });
    expect(prefixed.users[0]?.username).toBe('t1_alice');
    for (const user of prefixed.users) {
      expect(user.username.startsWith('t1_')).toBe(true);
      expect(user.username.length).toBeLessThanOrEqual(30);
    }
    const unmailed = generateDemoNetwork({ users: 50, mailSignIns: false });
    expect(unmailed.users[0]?.email).toBe(`alice@${DEMO_EMAIL_DOMAIN}`);
    expect(() => generateDemoNetwork({ users: 50, usernamePrefix: 'Bad-Prefix' })).toThrow(
      /usernamePrefix/,
    );
    expect(() => generateDemoNetwork({ users: 5 })).toThrow(/users/);
  });

  it('draws a heavy-tailed follow graph: a few accounts followed by many, most by few', () => {
    const counts = followerCounts(big);
    const median = counts[counts.length >> 1] ?? 0;
    const most = counts.at(-1) ?? 0;
    expect(median).toBeGreaterThanOrEqual(2);
    expect(median).toBeLessThanOrEqual(8);
    expect(most).toBeGreaterThan(100 * median);
    expect(most).toBeGreaterThan(0.2 * 3000);
    // The top 1% of accounts (30) hold a large share of all follows; the bottom half a small one.
    const total = big.follows.length;
    const top = counts.slice(-30).reduce((a, b) => a + b, 0);
    const bottom = counts.slice(0, 1500).reduce((a, b) => a + b, 0);
    expect(top / total).toBeGreaterThan(0.25);
    expect(bottom / total).toBeLessThan(0.15);
    // Following is skewed too, but nobody follows half the network.
    const following = new Array<number>(3000).fill(0);
    for (const f of big.follows) following[f.follower] = (following[f.follower] ?? 0) + 1;
    expect(Math.min(...following)).toBeGreaterThanOrEqual(1);
    expect(Math.max(...following)).toBeLessThanOrEqual(250);
  });

  it('keeps the tail in a small network (the integration test seeds 40)', () => {
    const counts = followerCounts(generateDemoNetwork({ users: 40 }));
    expect(counts.at(-1)).toBeGreaterThanOrEqual(2.5 * (counts[20] ?? 0));
  });

  it('has no self-follows or duplicate follows, each after both accounts existed', () => {
    const pairs = new Set<string>();
    const wrong = big.follows.filter((f) => {
      pairs.add(`${f.follower}>${f.followee}`);
      const registered = Math.min(
        big.users[f.follower]?.registeredAgoMs ?? 0,
        big.users[f.followee]?.registeredAgoMs ?? 0,
      );
      return f.follower === f.followee || f.agoMs <= 0 || f.agoMs >= registered;
    });
    expect(wrong).toEqual([]);
    expect(pairs.size).toBe(big.follows.length);
    // The sign-ins follow each other.
    for (const [a, b] of [
      [0, 1],
      [0, 2],
      [1, 0],
      [1, 2],
      [2, 0],
      [2, 1],
    ]) {
      expect(pairs.has(`${a}>${b}`)).toBe(true);
    }
  });

  it('spreads posts and replies over the last four weeks, replies after their parents', () => {
    const byKey = new Map(big.posts.map((p) => [p.key, p]));
    const listed = new Set<string>();
    const identities = new Set<string>();
    const problems: string[] = [];
    for (const post of big.posts) {
      const problem = (what: string) => problems.push(`${post.key}: ${what}`);
      if (post.agoMs <= 60_000 || post.agoMs > 28 * DAY) problem('outside the four weeks');
      if (post.body !== post.body.trim() || post.body.length === 0 || post.body.length > 500) {
        problem('not a valid body');
      }
      if (post.agoMs >= (big.users[post.author]?.registeredAgoMs ?? 0)) problem('before sign-up');
      // Author and body identify a post when seeding again.
      const identity = `${post.author}:${post.body}`;
      if (identities.has(identity)) problem('same body twice');
      identities.add(identity);
      const parent = post.replyTo ? byKey.get(post.replyTo) : undefined;
      if (post.replyTo) {
        if (!parent || !listed.has(post.replyTo)) problem('listed before its parent');
        else {
          if (post.depth !== parent.depth + 1) problem('wrong depth');
          if (post.agoMs >= parent.agoMs) problem('not after its parent');
          const parentAuthor = big.users[parent.author]?.username;
          if (!post.body.startsWith(`@${parentAuthor} `)) problem('does not mention the author');
        }
      } else if (post.depth !== 0) problem('a post with a depth');
      listed.add(post.key);
    }
    expect(problems).toEqual([]);
    const replies = big.posts.filter((p) => p.replyTo).length;
    expect(replies).toBeGreaterThan(big.posts.length / 10);
    // Spread out: posts in every week of the four.
    const weeks = new Set(big.posts.map((p) => Math.floor(p.agoMs / (7 * DAY))));
    expect(weeks).toEqual(new Set([0, 1, 2, 3]));
    // Lurkers: a share of the users never post.
    const authors = new Set(big.posts.map((p) => p.author));
    expect(authors.size).toBeLessThan(0.9 * 3000);
    expect(authors.size).toBeGreaterThan(0.7 * 3000);
  });

  it('likes other people’s posts, each at most once per user', () => {
    const authorOf = new Map(big.posts.map((p) => [p.key, p.author]));
    const pairs = new Set(big.likes.map((l) => `${l.user}>${l.post}`));
    expect(pairs.size).toBe(big.likes.length);
    expect(
      big.likes.filter((l) => !authorOf.has(l.post) || authorOf.get(l.post) === l.user),
    ).toEqual([]);
    expect(big.likes.length).toBeGreaterThan(3 * 3000);
  });
});
