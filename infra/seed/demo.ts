/**
 * `npm run seed:demo [-- --users N --seed S --concurrency C]`: fills the running local stack
 * (`npm start`) with a believable demo network — a few thousand users with profiles, a
 * heavy-tailed follow graph, posts, replies and likes spread over the last four weeks — and
 * prints sign-ins to try in Apollo Sandbox and the web app.
 *
 * How it writes. Everything goes through the services' own code, never SQL or Cypher of its
 * own, so every registration, follow and post writes its event to the service's outbox in the
 * same transaction and the running relays publish it to Kafka: the network worker makes the
 * graph nodes, the feed worker builds the timelines, the mailer sees every registration,
 * exactly as for real users. It is not the public API, on purpose: registering thousands
 * through the gateway would hit the per-client registration limit (10 an hour in production)
 * and pay an argon2id hash per account (~25 ms of a core each, a minute and more of the two
 * cores for 3,000), and following through it costs a gateway hop and an access token per
 * user (56 follows/s measured in bench/results/network.md). So the seeder runs, in this
 * process, identity's Accounts.register (every demo account shares one password, hashed
 * once), the network subgraph's executable schema for `follow` (its resolvers and Cypher, the
 * outbox node included), and posts' Posts.create and Posts.like — the functions the resolvers
 * call. Two optional arguments, used only here, put the past into them: the registration
 * time of an account and the creation time of a post (and so of its UUIDv7 id and its
 * post-created event, whose time the feed scores timelines by); follows get theirs from the
 * network context's `now`. Like times are not backdated: nothing reads them.
 *
 * Email. Demo accounts get `<username>@demo.flock.invalid`: the mailer consumes their
 * registration events and sends nothing to the `.invalid` TLD (RFC 2606), so the local mail
 * catcher does not fill with thousands of welcome emails. The sign-ins (alice, bob, carol)
 * get `<name>@demo.flock.test`: their three welcome emails, with working verification links,
 * land in the catcher.
 *
 * Idempotent: users are found by username, follows in the graph, posts by author and body,
 * likes by user and post; a second run with the same options creates nothing, an interrupted
 * one finishes the job. A username held by an account that is not a demo one is left alone
 * (that user, and what involves them, is skipped and counted).
 */
import { parseArgs } from 'node:util';
import { localStack, resolveLocalStack } from '@flock/env';
import { loadIdentityEnv } from '@flock/identity/env';
import { createLogger } from '@flock/logger';
import { loadNetworkEnv } from '@flock/network/env';
import { loadPostsEnv } from '@flock/posts/env';
import cliProgress from 'cli-progress';
import { DEMO_PASSWORD, type DemoNetwork, type DemoPost, generateDemoNetwork } from './generate';
import type { Phase, SeedProgress, SeedReport } from './seed';
import { type HomeFeedItem, homeFeed, servicesDown, signIn, signOut } from './stack';

const WEB_APP_URL = 'http://127.0.0.1:5173';

const usage = `Usage: npm run seed:demo [-- --users N] [--seed S] [--concurrency C]

  --users N        accounts to create, the sign-ins included (default 3000, at least 10)
  --seed S         the random seed: same seed and users, same network (default 2026)
  --concurrency C  writes in flight at once (default 8)

Needs the local stack running (npm start). Running it again adds nothing.`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      users: { type: 'string', default: '3000' },
      seed: { type: 'string', default: '2026' },
      concurrency: { type: 'string', default: '8' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(usage);
    return 0;
  }
  const users = Number(values.users);
  const seed = Number(values.seed);
  const concurrency = Number(values.concurrency);
  if (!Number.isInteger(users) || users < 10 || users > 100_000) {
    console.error(`--users must be a whole number from 10 to 100000 (got ${values.users})\n`);
    console.error(usage);
    return 2;
  }
  if (!Number.isInteger(seed) || !Number.isInteger(concurrency) || concurrency < 1) {
    console.error(`--seed and --concurrency must be whole numbers (concurrency ≥ 1)\n\n${usage}`);
    return 2;
  }

  if (process.env.NODE_ENV === 'production') {
    console.error(
      'seed:demo fills a local stack with demo accounts; refusing with NODE_ENV=production.',
    );
    return 1;
  }
  const stack = resolveLocalStack(process.env);
  const down = await servicesDown(stack);
  if (down.length > 0) {
    console.error(
      [
        'The Flock stack is not running, or not all of it:',
        ...down.map((d) => `  ✗ ${d}`),
        '',
        'Start it with `npm start` (`npm run infra:status` shows what answers), then run',
        '`npm run seed:demo` again.',
      ].join('\n'),
    );
    return 1;
  }

  // The services' code is loaded only now: a stack that is down is said in a moment.
  const [{ seedDemo }, { openDemoServices }] = await Promise.all([
    import('./seed'),
    import('./services'),
  ]);
  const started = performance.now();
  const network = generateDemoNetwork({ users, seed });
  const generatedMs = performance.now() - started;
  console.log(
    `Demo network (seed ${seed}): ${count(network.users.length)} users, ` +
      `${count(network.follows.length)} follows, ${count(network.posts.length)} posts and replies, ` +
      `${count(network.likes.length)} likes — generated in ${seconds(generatedMs)}`,
  );

  // Each service's own configuration, as it reads it; each derives its own database from
  // POSTGRES_URL (a DATABASE_URL meant for one service must not reach the others).
  const { DATABASE_URL: _ignored, ...source } = process.env;
  const logger = createLogger({ service: 'seed', level: process.env.LOG_LEVEL ?? 'error' });
  const services = await openDemoServices({
    identity: loadIdentityEnv(source),
    posts: loadPostsEnv(source),
    network: loadNetworkEnv(source),
    logger,
  });
  try {
    const report = await seedDemo(services, network, {
      concurrency,
      progress: progressBars(),
    });
    const delivered = await waitForRelays(services.outboxBacklog);
    const feed = await checkHomeFeed(stack.subgraphUrl('gateway'), network, report);
    printSummary(network, report, performance.now() - started, delivered, feed);
    return 0;
  } finally {
    await services.close();
  }
}

const PHASE_LABELS: Record<Phase, string> = {
  users: 'users  ',
  follows: 'follows',
  posts: 'posts  ',
  likes: 'likes  ',
};

/**
 * One bar per phase, kept on screen when done (follows run beside posts and likes, so two
 * bars move at once); a plain line per phase when not on a terminal.
 */
function progressBars(): SeedProgress {
  // One MultiBar per stretch of phases running together: a stopped one redraws its old bars.
  let bars: cliProgress.MultiBar | undefined;
  const running = new Map<Phase, cliProgress.SingleBar>();
  return {
    start(phase, total) {
      bars ??= new cliProgress.MultiBar(
        {
          format: '{phase} {bar} {percentage}% | {value}/{total} | {duration_formatted}',
          hideCursor: true,
          etaBuffer: 200,
        },
        cliProgress.Presets.shades_classic,
      );
      running.set(phase, bars.create(total, 0, { phase: PHASE_LABELS[phase] }));
      if (!process.stderr.isTTY) console.error(`${phase}: ${count(total)} to go`);
    },
    advance(phase, n = 1) {
      running.get(phase)?.increment(n);
    },
    finish(phase) {
      running.get(phase)?.stop();
      running.delete(phase);
      if (running.size === 0) {
        bars?.stop();
        bars = undefined;
      }
    },
  };
}

/**
 * Waits for the relays to publish what the run wrote to the outboxes (they poll every 250 ms),
 * with a bar; the feed worker then applies the events within moments. False after 5 minutes.
 */
async function waitForRelays(
  backlog: () => Promise<{ identity: number; posts: number; network: number }>,
): Promise<boolean> {
  const total = (b: { identity: number; posts: number; network: number }) =>
    b.identity + b.posts + b.network;
  const first = total(await backlog());
  if (first === 0) return true;
  const bar = new cliProgress.SingleBar(
    { format: 'events  {bar} {percentage}% | {value}/{total} relayed to Kafka', hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  bar.start(first, 0);
  const deadline = Date.now() + 5 * 60_000;
  try {
    for (;;) {
      const left = total(await backlog());
      bar.update(Math.max(0, first - left));
      if (left === 0) return true;
      if (Date.now() > deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  } finally {
    bar.stop();
  }
}

interface FeedCheck {
  items: HomeFeedItem[];
  /** The newest post this run gave the sign-in's home came through (the feed worker has it). */
  caughtUp: boolean;
}

/**
 * Signs in as the first sign-in through the gateway, as a user would, and reads their home
 * feed until the newest post this run created among the people they follow (and their own) is
 * on its first page, or a minute passed.
 */
async function checkHomeFeed(
  gatewayUrl: string,
  network: DemoNetwork,
  report: SeedReport,
): Promise<FeedCheck | null> {
  const alice = network.users.find((u) => u.signIn);
  if (!alice || !report.userIds[alice.index]) return null;
  const followed = new Set(
    network.follows.filter((f) => f.follower === alice.index).map((f) => f.followee),
  );
  followed.add(alice.index);
  const newest = network.posts
    .filter((p) => p.depth === 0 && followed.has(p.author) && report.createdPosts.has(p.key))
    .reduce<DemoPost | undefined>(
      (best, p) => (!best || p.agoMs < best.agoMs ? p : best),
      undefined,
    );
  const expected = newest ? report.postIds.get(newest.key) : undefined;
  const session = await signIn(gatewayUrl, alice.username, DEMO_PASSWORD);
  try {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const items = await homeFeed(gatewayUrl, session, 20);
      const caughtUp =
        expected === undefined ? items.length > 0 : items.some((i) => i.id === expected);
      if (caughtUp || Date.now() > deadline) return { items: items.slice(0, 5), caughtUp };
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  } finally {
    await signOut(gatewayUrl, session).catch(() => {});
  }
}

function printSummary(
  network: DemoNetwork,
  report: SeedReport,
  totalMs: number,
  delivered: boolean,
  feed: FeedCheck | null,
): void {
  const row = (name: string, r: SeedReport['users']) =>
    `  ${name.padEnd(8)} ${count(r.planned).padStart(7)} ${count(r.created).padStart(8)} ` +
    `${count(r.existing).padStart(9)} ${count(r.skipped).padStart(8)} ${seconds(r.ms).padStart(8)}`;
  const followers = new Map<number, number>();
  for (const f of network.follows) followers.set(f.followee, (followers.get(f.followee) ?? 0) + 1);
  const counts = network.users.map((u) => followers.get(u.index) ?? 0).sort((a, b) => a - b);
  const top = [...followers]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([i, n]) => `@${network.users[i]?.username} (${count(n)})`);
  const signIns = network.users.filter((u) => u.signIn && report.userIds[u.index]);
  const stack = localStack;
  const lines = [
    '',
    `Seeded in ${seconds(totalMs)}:`,
    '           planned  created  existing  skipped     time',
    row('users', report.users),
    row('follows', report.follows),
    row('posts', report.posts),
    row('likes', report.likes),
    '',
    `Followers: median ${counts[Math.floor(counts.length / 2)] ?? 0}, most followed ${top.join(', ')}`,
    delivered
      ? 'Events: every outbox relayed to Kafka.'
      : 'Events: the relays are still publishing (see `npm run infra:status`); feeds fill as they do.',
  ];
  if (feed) {
    lines.push(
      '',
      `Home feed of @${signIns[0]?.username}, read through the gateway` +
        (feed.caughtUp ? ':' : ' (the feed worker is still catching up):'),
      ...feed.items
        .slice(0, 3)
        .map((i) => `  @${i.author?.username}, ${ago(i.createdAt)}: ${truncate(i.body, 70)}`),
    );
  }
  lines.push(
    '',
    'Sign in as (any demo account has the same password):',
    ...signIns.map((u) => `  ${u.username.padEnd(10)} ${DEMO_PASSWORD}    (${u.email})`),
    '',
    `  Apollo Sandbox  ${stack.subgraphUrl('gateway')}`,
    `                  mutation { login(input: { login: "${signIns[0]?.username ?? 'alice'}", password: "${DEMO_PASSWORD}" }) { accessToken } }`,
    '                  then the header Authorization: Bearer <accessToken>, and { homeFeed { edges { node { body author { username } } } } }',
    `  Web app         ${WEB_APP_URL}  (npm run web)`,
    `  Welcome emails  ${stack.mailWebUrl}  (the sign-ins' only; demo accounts use .invalid addresses)`,
  );
  if (report.users.skipped > 0) {
    lines.push(
      '',
      `${report.users.skipped} usernames are held by accounts that are not demo ones: those users were left out.`,
    );
  }
  console.log(lines.join('\n'));
}

const count = (n: number) => n.toLocaleString('en-US');
const truncate = (text: string, max: number) =>
  text.length > max ? `${text.slice(0, max - 1)}…` : text;

function ago(iso: string): string {
  const minutes = Math.round((Date.now() - Date.parse(iso)) / 60_000);
  if (minutes < 60) return `${minutes} min ago`;
  if (minutes < 48 * 60) return `${Math.round(minutes / 60)} h ago`;
  return `${Math.round(minutes / 1440)} days ago`;
}
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error('\nSeeding failed:', error instanceof Error ? error.message : error);
    if (process.env.LOG_LEVEL === 'debug') console.error(error);
    console.error(
      'What was created stays; fix the cause and run `npm run seed:demo` again to finish.',
    );
    process.exitCode = 1;
  },
);
