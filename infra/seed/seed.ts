import type { Viewer } from '@flock/auth';
import { DEMO_PASSWORD, type DemoNetwork, type DemoPost, type DemoUser } from './generate';
import type { DemoServices, ExistingUser } from './services';

/**
 * Puts a demo network (generate.ts) into the stack through the services' own code
 * (services.ts), idempotently: what a previous run created is found first and not created again
 * (users by username, follows in the graph, posts by author and body, likes by user and post),
 * so a second run with the same options adds nothing and an interrupted one finishes the job.
 */

export type Phase = 'users' | 'follows' | 'posts' | 'likes';

/** Phases report as they go; follows run beside posts and likes (see seedDemo). */
export interface SeedProgress {
  /** A phase starts with `total` items to go through. */
  start(phase: Phase, total: number): void;
  /** `count` more items of the phase are done (created, found or skipped). */
  advance(phase: Phase, count?: number): void;
  finish(phase: Phase): void;
}

export interface PhaseReport {
  planned: number;
  created: number;
  /** Found from an earlier run. */
  existing: number;
  /** Left out: a username taken by someone else, or what depended on such a user. */
  skipped: number;
  ms: number;
}

export interface SeedReport {
  users: PhaseReport;
  follows: PhaseReport;
  posts: PhaseReport;
  likes: PhaseReport;
  /** The id of each planned user that exists (by index), undefined for skipped ones. */
  userIds: (string | undefined)[];
  /** The id of each planned post that exists, by its key. */
  postIds: Map<string, string>;
  /** The keys of the posts this run created. */
  createdPosts: Set<string>;
}

export interface SeedOptions {
  /** "Now" for the plan's "so long ago" (default: the start of the run). */
  now?: Date;
  /** Writes in flight at once, per store (default 8). */
  concurrency?: number;
  progress?: SeedProgress;
  /** Carried as the correlation id of every event, to find them in the logs. */
  correlationId?: string;
}

const silent: SeedProgress = { start() {}, advance() {}, finish() {} };

/**
 * Users first (everything else needs their ids); then the follows, in Neo4j, beside the posts
 * and then the likes, in Postgres: two stores busy at once. The feed does not mind the order:
 * a post reaches the followers its author has when it is projected, and a follow brings the
 * followee's recent posts, so every post ends up in every follower's home either way.
 */
export async function seedDemo(
  services: DemoServices,
  network: DemoNetwork,
  options: SeedOptions = {},
): Promise<SeedReport> {
  const {
    now = new Date(),
    concurrency = 8,
    progress = silent,
    correlationId = `demo-seed-${now.toISOString()}`,
  } = options;
  const at = (agoMs: number) => new Date(now.getTime() - agoMs);
  const viewer = (id: string): Viewer => ({ id, sessionId: correlationId });
  // One failure stops every pool (the other branch too), then the run fails with it.
  const halt = { failed: false };
  const pool = <T>(items: T[], work: (item: T) => Promise<void>, limit = concurrency) =>
    inPool(items, limit, work, halt);
  const setBio = (id: string, user: DemoUser) =>
    retrying(() => services.accounts.updateProfile(viewer(id), { bio: user.bio }));

  // Users: register the missing ones (argon2 hash computed once), then their bio.
  const users = await phase('users', network.users.length, progress, async (report) => {
    const ids: (string | undefined)[] = [];
    const preexisting = new Set<number>();
    const passwordHash = await services.passwordHash(DEMO_PASSWORD);
    const existing = new Map<string, ExistingUser>();
    for (const chunk of chunked(network.users, 1000)) {
      const found = await retrying(() => services.usersByUsername(chunk.map((u) => u.username)));
      for (const user of found) existing.set(user.username, user);
    }
    await pool(network.users, async (user) => {
      const found = existing.get(user.username);
      if (found && found.email !== user.email) {
        report.skipped++; // somebody else's account: not ours to use
      } else if (found) {
        ids[user.index] = found.id;
        preexisting.add(user.index);
        report.existing++;
        if (found.bio === null) await setBio(found.id, user);
      } else {
        const signedIn = await retrying(() =>
          services.accounts.register(
            {
              username: user.username,
              email: user.email,
              password: DEMO_PASSWORD,
              displayName: user.displayName,
            },
            { client: 'demo-seed', correlationId },
            { registeredAt: at(user.registeredAgoMs), passwordHash },
          ),
        );
        ids[user.index] = signedIn.user.id;
        await setBio(signedIn.user.id, user);
        report.created++;
      }
      progress.advance('users');
    });
    return { ids, preexisting };
  });
  const { ids, preexisting } = users.value;
  const preexistingIds = [...preexisting].map((i) => ids[i] as string);

  // Follows: one follower's in order (they take the follower's lock), followers in parallel.
  const followsPhase = () =>
    phase('follows', network.follows.length, progress, async (report) => {
      const known = new Map<string, Set<string>>();
      await pool(
        chunked(preexistingIds, 20),
        async (chunk) => {
          const following = await retrying(() => services.follows.following(chunk));
          for (const [id, followees] of following) known.set(id, followees);
        },
        4,
      );
      const todo = new Map<string, { followee: string; at: Date }[]>();
      for (const f of network.follows) {
        const follower = ids[f.follower];
        const followee = ids[f.followee];
        if (!follower || !followee) report.skipped++;
        else if (known.get(follower)?.has(followee)) report.existing++;
        else {
          const list = todo.get(follower) ?? [];
          list.push({ followee, at: at(f.agoMs) });
          todo.set(follower, list);
        }
      }
      progress.advance('follows', report.skipped + report.existing);
      await pool([...todo], async ([follower, list]) => {
        for (const { followee, at: followedAt } of list) {
          if (halt.failed) return;
          await retrying(() => services.follows.follow(viewer(follower), followee, followedAt));
          report.created++;
          progress.advance('follows');
        }
      });
    });

  // Posts: parents before replies (one depth at a time), each at its time in the past.
  const createdPosts = new Set<string>();
  const postsPhase = () =>
    phase('posts', network.posts.length, progress, async (report) => {
      const existing = await postsOf(services, preexistingIds, pool);
      const postIds = new Map<string, string>();
      for (let depth = 0; ; depth++) {
        const level = network.posts.filter((p) => p.depth === depth);
        if (level.length === 0) break;
        await pool(level, async (post) => {
          const author = ids[post.author];
          const replyToId = post.replyTo ? postIds.get(post.replyTo) : null;
          const found = author && existing.get(postKey(author, post.body));
          if (!author || replyToId === undefined) {
            report.skipped++;
          } else if (found) {
            postIds.set(post.key, found);
            report.existing++;
          } else {
            const created = await createPost(services, viewer(author), post, replyToId, at);
            if (created) {
              postIds.set(post.key, created);
              createdPosts.add(post.key);
              report.created++;
            } else report.skipped++;
          }
          progress.advance('posts');
        });
      }
      return postIds;
    });

  // Likes: per user, those not there yet (likedBy), users in parallel.
  const likesPhase = (postIds: Map<string, string>) =>
    phase('likes', network.likes.length, progress, async (report) => {
      const byUser = new Map<string, string[]>();
      for (const like of network.likes) {
        const user = ids[like.user];
        const post = postIds.get(like.post);
        if (!user || !post) {
          report.skipped++;
          continue;
        }
        const list = byUser.get(user) ?? [];
        list.push(post);
        byUser.set(user, list);
      }
      progress.advance('likes', report.skipped);
      const earlier = new Set(preexistingIds);
      await pool([...byUser], async ([user, wanted]) => {
        const liked = earlier.has(user)
          ? await retrying(() => services.posts.likedBy(user, wanted))
          : wanted.map(() => false);
        report.existing += liked.filter(Boolean).length;
        progress.advance('likes', liked.filter(Boolean).length);
        for (const [i, post] of wanted.entries()) {
          if (liked[i]) continue;
          if (halt.failed) return;
          try {
            await retrying(() => services.posts.like(viewer(user), post));
            report.created++;
          } catch (error) {
            if (codeOf(error) !== 'NOT_FOUND') throw error;
            report.skipped++; // deleted since
          }
          progress.advance('likes');
        }
      });
    });

  const [follows, content] = await settleBoth(
    followsPhase(),
    (async () => {
      const posts = await postsPhase();
      return { posts, likes: await likesPhase(posts.value) };
    })(),
    halt,
  );
  return {
    users: users.report,
    follows: follows.report,
    posts: content.posts.report,
    likes: content.likes.report,
    userIds: ids,
    postIds: content.posts.value,
    createdPosts,
  };
}

/** Both results; if either fails, the other is stopped (halt) and waited for, then it throws. */
async function settleBoth<A, B>(
  a: Promise<A>,
  b: Promise<B>,
  halt: { failed: boolean },
): Promise<[A, B]> {
  const stopOnFailure = <T>(p: Promise<T>) =>
    p.catch((error: unknown) => {
      halt.failed = true;
      throw error;
    });
  const [first, second] = await Promise.allSettled([stopOnFailure(a), stopOnFailure(b)]);
  const failures = [first, second].flatMap((r) => (r.status === 'rejected' ? [r.reason] : []));
  if (failures.length > 0) throw failures.find((f) => !(f instanceof Stopped)) ?? failures[0];
  if (first.status === 'rejected' || second.status === 'rejected') throw new Stopped();
  return [first.value, second.value];
}

async function phase<T>(
  name: Phase,
  planned: number,
  progress: SeedProgress,
  work: (report: PhaseReport) => Promise<T>,
): Promise<{ report: PhaseReport; value: T }> {
  const report: PhaseReport = { planned, created: 0, existing: 0, skipped: 0, ms: 0 };
  const started = performance.now();
  progress.start(name, planned);
  const value = await work(report);
  report.ms = Math.round(performance.now() - started);
  progress.finish(name);
  return { report, value };
}

/** A post, created at its time in the past; null when its parent is gone (deleted since). */
async function createPost(
  services: DemoServices,
  author: Viewer,
  post: DemoPost,
  replyToId: string | null,
  at: (agoMs: number) => Date,
): Promise<string | null> {
  try {
    const created = await retrying(() =>
      services.posts.create(author, { body: post.body, replyToId }, undefined, {
        createdAt: at(post.agoMs),
      }),
    );
    return created.id;
  } catch (error) {
    if (codeOf(error) === 'NOT_FOUND') return null;
    throw error;
  }
}

const postKey = (authorId: string, body: string) => `${authorId}\u0000${body}`;

/** The live posts and replies of these authors, keyed by author and body. */
async function postsOf(
  services: DemoServices,
  authorIds: string[],
  pool: (items: string[], work: (authorId: string) => Promise<void>) => Promise<void>,
): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  await pool(authorIds, async (authorId) => {
    for (let afterId: string | undefined; ; ) {
      const page = await retrying(() => services.posts.byAuthor(authorId, { first: 100, afterId }));
      for (const post of page.rows) found.set(postKey(authorId, post.body), post.id);
      if (!page.hasNextPage) break;
      afterId = page.rows.at(-1)?.id;
    }
  });
  return found;
}

/**
 * Runs `work` on every item, `limit` at a time. The first failure stops taking new items here
 * and, through `halt`, in every other pool sharing it; it is then thrown.
 */
async function inPool<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
  halt = { failed: false },
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (!halt.failed && next < items.length) {
      const item = items[next++] as T;
      try {
        await work(item);
      } catch (error) {
        halt.failed = true;
        throw error;
      }
    }
  };
  const results = await Promise.allSettled(
    Array.from({ length: Math.min(limit, items.length) }, worker),
  );
  const failure = results.find((r) => r.status === 'rejected');
  if (failure) throw failure.reason;
  if (halt.failed) throw new Stopped();
}

/** What a pool throws when another part of the run failed: that failure is the one to report. */
class Stopped extends Error {
  constructor() {
    super('stopped: another part of the run failed');
  }
}

function chunked<T>(items: T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, i) =>
    items.slice(i * size, (i + 1) * size),
  );
}

/** The code of the services' coded errors (GraphQLError's extensions.code). */
function codeOf(error: unknown): unknown {
  return (error as { extensions?: { code?: unknown } } | null)?.extensions?.code;
}

/**
 * A write that failed for a reason other than its input (a lock timeout under load, a
 * connection dropped) is tried again, a few times with backoff, before the run fails; the run
 * can then simply be started again.
 */
async function retrying<T>(work: () => Promise<T>, attempts = 4): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      const code = codeOf(error);
      const final = ['BAD_USER_INPUT', 'NOT_FOUND', 'FORBIDDEN', 'UNAUTHENTICATED'].includes(
        String(code),
      );
      if (final || attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250 * 2 ** attempt));
    }
  }
}
