import { base, en, Faker } from '@faker-js/faker';
import { handleOf, postBody, profileOf, replyBody } from './content';

/**
 * The demo network as data: who the users are, who follows whom, who posted, replied and liked
 * what, and when (as "so long before the run"). Pure and deterministic: the same options give
 * the same network, which is what makes seeding idempotent (infra/seed/seed.ts finds what a
 * previous run created by username, and a post by its author and body).
 *
 * The follow graph is heavy-tailed like real ones: every user has a popularity rank (a seeded
 * shuffle) and follows are drawn with probability ∝ 1 / (rank + 3) — a Zipf law — with a tenth
 * of them uniform, so a few accounts are followed by a large share of the network and the
 * median account by a handful. How many each user follows, posts and likes is log-normal
 * (most a few, some many), and a sixth of the users are lurkers who never post.
 */

/** The shared password of every demo account (hashed once, see infra/seed/services.ts). */
export const DEMO_PASSWORD = 'flock-demo';

/** The RFC 2606 `.invalid` TLD: the mailer sends nothing there (workers/mailer send-once.ts). */
export const DEMO_EMAIL_DOMAIN = 'demo.flock.invalid';
/** The sign-ins' welcome emails do go out, to the local mail catcher (a `.test` domain). */
export const SIGN_IN_EMAIL_DOMAIN = 'demo.flock.test';

/** The accounts printed at the end to try the API and the web app with. */
export const SIGN_INS = [
  {
    handle: 'alice',
    displayName: 'Alice Martin',
    bio: 'Product designer. Coffee, climbing and bad puns. Trying Flock out.',
  },
  {
    handle: 'bob',
    displayName: 'Bob Okafor',
    bio: 'Backend engineer by day, amateur baker by night 🍞',
  },
  {
    handle: 'carol',
    displayName: 'Carol Nguyen',
    bio: 'Photographer · hiking · always looking for the next good book.',
  },
] as const;

export interface GenerateOptions {
  /** How many accounts, the sign-ins included (at least 10). */
  users: number;
  /** Same seed, same network. */
  seed?: number;
  /** Put before every username (tests use a unique one): [a-z0-9_], at most 8 characters. */
  usernamePrefix?: string;
  /** Posts are spread over this many days before the run. */
  spanDays?: number;
  /** False: the sign-ins get `.invalid` addresses too, and no welcome email (tests). */
  mailSignIns?: boolean;
}

export interface DemoUser {
  index: number;
  username: string;
  email: string;
  displayName: string;
  bio: string;
  /** How long before the run the account was registered (ms). */
  registeredAgoMs: number;
  /** One of SIGN_INS. */
  signIn: boolean;
}

export interface DemoFollow {
  follower: number;
  followee: number;
  agoMs: number;
}

export interface DemoPost {
  /** `<author index>:<n>`, unique in the network; only the plan knows it. */
  key: string;
  author: number;
  /** Unique among the author's posts: with the author, what identifies the post in the database. */
  body: string;
  agoMs: number;
  /** The key of the post this one replies to. */
  replyTo: string | null;
  /** 0 for a post, 1 for a reply to it, 2 for an answer to that reply. */
  depth: number;
}

export interface DemoLike {
  user: number;
  post: string;
}

export interface DemoNetwork {
  users: DemoUser[];
  follows: DemoFollow[];
  /** Oldest first within each depth, lower depths first: a parent always comes before its replies. */
  posts: DemoPost[];
  likes: DemoLike[];
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const USERNAME_MAX = 30;

export function generateDemoNetwork(options: GenerateOptions): DemoNetwork {
  const {
    users: count,
    seed = 2026,
    usernamePrefix = '',
    spanDays = 28,
    mailSignIns = true,
  } = options;
  if (!Number.isInteger(count) || count < 10) throw new Error('users must be an integer ≥ 10');
  if (!/^[a-z0-9_]{0,8}$/.test(usernamePrefix)) {
    throw new Error('usernamePrefix must be at most 8 characters of a-z, 0-9 and _');
  }
  const rng = mulberry32(seed);
  const faker = new Faker({ locale: [en, base] });
  const spanMs = spanDays * DAY;

  const users = makeUsers(count, seed, usernamePrefix, spanMs, rng, faker, mailSignIns);
  const popularity = popularityOf(count, rng);
  const follows = makeFollows(users, popularity, rng);
  const followees = followeesOf(count, follows);
  const posts = makePosts(users, popularity, followees, seed, spanMs, rng, faker);
  const likes = makeLikes(users, popularity, followees, posts, rng);
  return { users, follows, posts, likes };
}

function makeUsers(
  count: number,
  seed: number,
  prefix: string,
  spanMs: number,
  rng: Random,
  faker: Faker,
  mailSignIns: boolean,
): DemoUser[] {
  const taken = new Set<string>();
  const unique = (handle: string) => {
    for (let n = 1; ; n++) {
      const suffix = n === 1 ? '' : String(n);
      const username = `${prefix}${handle}`.slice(0, USERNAME_MAX - suffix.length) + suffix;
      if (!taken.has(username)) {
        taken.add(username);
        return username;
      }
    }
  };
  // The sign-ins' names are claimed first, so no generated handle takes them.
  for (const s of SIGN_INS) taken.add(`${prefix}${s.handle}`);
  return Array.from({ length: count }, (_, index): DemoUser => {
    const signIn = SIGN_INS[index];
    if (signIn) {
      const username = `${prefix}${signIn.handle}`;
      return {
        index,
        username,
        email: `${username}@${mailSignIns ? SIGN_IN_EMAIL_DOMAIN : DEMO_EMAIL_DOMAIN}`,
        displayName: signIn.displayName,
        bio: signIn.bio,
        registeredAgoMs: 120 * DAY - index * HOUR,
        signIn: true,
      };
    }
    // Each profile from a stream of its own: a user's name does not depend on the others.
    faker.seed([seed, index]);
    const profile = profileOf(faker);
    const username = unique(handleOf(profile.handle));
    return {
      index,
      username,
      email: `${username}@${DEMO_EMAIL_DOMAIN}`,
      displayName: profile.displayName,
      bio: profile.bio,
      registeredAgoMs: Math.round(spanMs + 2 * DAY + rng() * 150 * DAY),
      signIn: false,
    };
  });
}

/** Follow weights: ∝ 1 / (rank + 3), ranks a seeded shuffle; with the cumulative sums to draw by. */
interface Popularity {
  weight: Float64Array;
  cumulative: Float64Array;
  /** rank[i]: 0 is the most popular. */
  rank: Uint32Array;
}

function popularityOf(count: number, rng: Random): Popularity {
  const order = Array.from({ length: count }, (_, i) => i);
  shuffle(order, rng);
  const rank = new Uint32Array(count);
  order.forEach((user, r) => {
    rank[user] = r;
  });
  const weight = new Float64Array(count);
  const cumulative = new Float64Array(count);
  let total = 0;
  for (let i = 0; i < count; i++) {
    weight[i] = 1 / ((rank[i] ?? 0) + 3);
    total += weight[i] ?? 0;
    cumulative[i] = total;
  }
  return { weight, cumulative, rank };
}

/** A user drawn by popularity (a tenth of the time uniformly). */
function drawUser(popularity: Popularity, rng: Random): number {
  const { cumulative } = popularity;
  const count = cumulative.length;
  if (rng() < 0.1) return Math.floor(rng() * count);
  const target = rng() * (cumulative[count - 1] ?? 0);
  let lo = 0;
  let hi = count - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((cumulative[mid] ?? 0) < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function makeFollows(users: DemoUser[], popularity: Popularity, rng: Random): DemoFollow[] {
  const count = users.length;
  const follows: DemoFollow[] = [];
  const signIns = users.filter((u) => u.signIn);
  for (const user of users) {
    const chosen = new Set<number>();
    // The sign-ins follow each other, so each sees the others' posts at home.
    if (user.signIn) for (const other of signIns) if (other !== user) chosen.add(other.index);
    const cap = Math.floor((count - 1) / 2);
    const wanted = user.signIn
      ? Math.min(cap, 45)
      : logNormalInt(rng, { median: 5, sigma: 0.8, min: 1, max: Math.min(cap, 250) });
    for (let attempts = 0; chosen.size < wanted && attempts < wanted * 50; attempts++) {
      const followee = drawUser(popularity, rng);
      if (followee !== user.index) chosen.add(followee);
    }
    for (const followee of chosen) {
      const target = users[followee] as DemoUser;
      // After both had registered, at least an hour before the run.
      const latest = Math.min(user.registeredAgoMs, target.registeredAgoMs) - HOUR;
      follows.push({
        follower: user.index,
        followee,
        agoMs: Math.round(HOUR + rng() * Math.max(0, latest - HOUR)),
      });
    }
  }
  return follows;
}

function followeesOf(count: number, follows: DemoFollow[]): number[][] {
  const followees: number[][] = Array.from({ length: count }, () => []);
  for (const f of follows) followees[f.follower]?.push(f.followee);
  return followees;
}

function makePosts(
  users: DemoUser[],
  popularity: Popularity,
  followees: number[][],
  seed: number,
  spanMs: number,
  rng: Random,
  faker: Faker,
): DemoPost[] {
  const posts: DemoPost[] = [];
  const bodies = users.map(() => new Set<string>());
  const counters = new Uint32Array(users.length);
  const lurker = users.map((u) => !u.signIn && rng() < 1 / 6);
  const add = (
    author: number,
    agoMs: number,
    replyTo: DemoPost | null,
    text: () => string,
  ): DemoPost => {
    const n = counters[author] ?? 0;
    counters[author] = n + 1;
    faker.seed([seed, author, n, 7]);
    const seen = bodies[author] as Set<string>;
    let body = text();
    for (let again = 0; seen.has(body) && again < 10; again++) body = text();
    if (seen.has(body)) body = `${body} (${n})`;
    seen.add(body);
    const post: DemoPost = {
      key: `${author}:${n}`,
      author,
      body,
      agoMs: Math.round(agoMs),
      replyTo: replyTo?.key ?? null,
      depth: replyTo ? replyTo.depth + 1 : 0,
    };
    posts.push(post);
    return post;
  };

  // Posts: recent ones more often (u^1.5 leans towards now), none in the last 5 minutes.
  const byAuthor: DemoPost[][] = users.map(() => []);
  for (const user of users) {
    if (lurker[user.index]) continue;
    const popular = (popularity.rank[user.index] ?? 0) < 30;
    const count = user.signIn
      ? 5
      : logNormalInt(rng, { median: popular ? 5 : 2, sigma: 1, min: 1, max: 80 });
    for (let i = 0; i < count; i++) {
      const agoMs = 5 * MINUTE + rng() ** 1.5 * (spanMs - 5 * MINUTE);
      byAuthor[user.index]?.push(add(user.index, agoMs, null, () => postBody(faker)));
    }
  }

  // Replies to the posts of people one follows; some answered by the post's author.
  const replied = new Set<string>();
  for (const user of users) {
    if (lurker[user.index]) continue;
    const following = followees[user.index] ?? [];
    const wanted = user.signIn ? 3 : logNormalInt(rng, { median: 0.8, sigma: 1, min: 0, max: 30 });
    for (let attempts = 0, made = 0; made < wanted && attempts < wanted * 10; attempts++) {
      const followee = following[Math.floor(rng() * following.length)];
      if (followee === undefined) break;
      const candidates = byAuthor[followee] ?? [];
      const parent = candidates[Math.floor(rng() * candidates.length)];
      const pair = `${user.index}>${parent?.key}`;
      if (!parent || parent.agoMs < 10 * MINUTE || replied.has(pair)) continue;
      replied.add(pair);
      made++;
      const parentAuthor = users[parent.author] as DemoUser;
      const reply = add(user.index, after(parent.agoMs, rng), parent, () =>
        replyBody(faker, parentAuthor.username, false),
      );
      if (reply.agoMs >= 10 * MINUTE && rng() < 0.35) {
        add(parent.author, after(reply.agoMs, rng), reply, () =>
          replyBody(faker, user.username, true),
        );
      }
    }
  }
  return posts.sort((a, b) => a.depth - b.depth || b.agoMs - a.agoMs);
}

/** A time after `agoMs` (2 minutes to 2 days later), still at least a minute before the run. */
function after(agoMs: number, rng: Random): number {
  const room = Math.min(2 * DAY, agoMs - 3 * MINUTE);
  return agoMs - 2 * MINUTE - rng() * Math.max(0, room);
}

function makeLikes(
  users: DemoUser[],
  popularity: Popularity,
  followees: number[][],
  posts: DemoPost[],
  rng: Random,
): DemoLike[] {
  const byAuthor: DemoPost[][] = users.map(() => []);
  for (const post of posts) byAuthor[post.author]?.push(post);
  const likes: DemoLike[] = [];
  for (const user of users) {
    const following = followees[user.index] ?? [];
    const wanted = user.signIn ? 15 : logNormalInt(rng, { median: 3, sigma: 1, min: 0, max: 200 });
    const liked = new Set<string>();
    for (let attempts = 0; liked.size < wanted && attempts < wanted * 10; attempts++) {
      // Mostly the people one follows (the popular ones more), sometimes anyone popular.
      const author =
        rng() < 0.8 && following.length > 0
          ? pickWeighted(following, popularity.weight, rng)
          : drawUser(popularity, rng);
      const candidates = byAuthor[author] ?? [];
      const post = candidates[Math.floor(rng() * candidates.length)];
      if (!post || post.author === user.index || liked.has(post.key)) continue;
      liked.add(post.key);
      likes.push({ user: user.index, post: post.key });
    }
  }
  return likes;
}

function pickWeighted(items: number[], weight: Float64Array, rng: Random): number {
  let total = 0;
  for (const i of items) total += weight[i] ?? 0;
  let target = rng() * total;
  for (const i of items) {
    target -= weight[i] ?? 0;
    if (target <= 0) return i;
  }
  return items[items.length - 1] as number;
}

export type Random = () => number;

/** mulberry32: a small, fast, seeded PRNG (uniform in [0, 1)). */
export function mulberry32(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** A log-normal integer: `median` in the middle, a long right tail, clamped to [min, max]. */
function logNormalInt(
  rng: Random,
  { median, sigma, min, max }: { median: number; sigma: number; min: number; max: number },
): number {
  const z = Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
  return Math.max(min, Math.min(max, Math.round(median * Math.exp(sigma * z))));
}

function shuffle<T>(items: T[], rng: Random): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
}
