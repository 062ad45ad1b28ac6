/**
 * Network: follow mutations/s through the gateway, and the latency of the first page of
 * followers and of the follow counts of users with 10,000 and 1,000,000 followers. Needs the stack: `npm start`, then
 * `npm run bench:network`. Graph-only users are planted directly in Neo4j (they have no
 * identity account); tokens are signed with the development key in .flock/keys.
 */
import { randomUUID } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { loadSigningKey, signAccessToken } from '@flock/auth';
import { resolveLocalStack } from '@flock/env';
import neo4j from 'neo4j-driver';
import { graphql, type LoadResult, load, machine, progress, table } from './lib';

const startLoad = loadavg()
  .map((l) => l.toFixed(2))
  .join(' ');
// The stack the environment names (a second stack's ports), the default one otherwise.
const localStack = resolveLocalStack(process.env);
const url = `http://127.0.0.1:${localStack.ports.gateway}/graphql`;
const driver = neo4j.driver(localStack.neo4jUri);
const key = await loadSigningKey({
  devKeyFile: join(localStack.devKeysDir, 'identity-signing.jwk'),
});
const tokenFor = (sub: string) =>
  signAccessToken(key, {
    sub,
    sid: randomUUID(),
    issuer: 'urn:flock:identity',
    audience: 'urn:flock:api',
    expiresAt: Math.floor(Date.now() / 1000) + 3600,
  });

async function plant(count: number): Promise<string[]> {
  const ids = Array.from({ length: count }, () => randomUUID());
  await driver.executeQuery('UNWIND $ids AS id CREATE (:User {id: id, bench: true})', { ids });
  return ids;
}

// 2. Stars with 10,000 and 1,000,000 followers: real accounts (identity resolves user(id)) with
// planted fans, kept across runs (`:BenchStar`, one per size) and topped up in batches, so
// only the first run pays for seeding (1,000,000 takes minutes).
const SEED_BATCH = 20_000;

/** The id of the star with `size` followers, made or completed as needed. */
async function star(size: number): Promise<string> {
  const found = await driver.executeQuery(
    'MATCH (s:User:BenchStar {benchFollowers: $size}) RETURN s.id AS id',
    { size },
  );
  let starId: string | undefined = found.records[0]?.get('id');
  const known = starId
    ? (await graphql(url, 'query($id: ID) { user(id: $id) { id } }', { id: starId })).user
    : null;
  if (!known || !starId) {
    // No account for it (a new stack, or identity's database was reset): register one and
    // give its id to the star node (the registration's MERGE of that id then finds it).
    const name = `star_${randomUUID().slice(0, 8)}`;
    const registered = await graphql(
      url,
      'mutation($input: RegisterInput!) { register(input: $input) { user { id } } }',
      { input: { username: name, email: `${name}@bench.local`, password: 'benchmark password' } },
    );
    const newId: string = registered.register.user.id;
    await driver.executeQuery(
      `MERGE (s:User:BenchStar {benchFollowers: $size})
         ON CREATE SET s.id = $newId, s.benchBase = datetime().epochMillis
       WITH s
       OPTIONAL MATCH (other:User {id: $newId}) WHERE other <> s
       DETACH DELETE other
       WITH DISTINCT s
       SET s.id = $newId`,
      { size, newId },
    );
    // Its fans' FOLLOWS carry the star's id (the index of pages): the new one.
    const session = driver.session();
    await session.run(
      `MATCH (s:BenchStar {benchFollowers: $size})<-[f:FOLLOWS]-() WHERE f.followee <> s.id
       CALL (f, s) { SET f.followee = s.id } IN TRANSACTIONS OF ${SEED_BATCH} ROWS`,
      { size },
      { timeout: 30 * 60_000 },
    );
    await session.close();
    starId = newId;
  }
  for (;;) {
    const { records } = await driver.executeQuery(
      'MATCH (s:BenchStar {benchFollowers: $size}) RETURN COUNT { (s)<-[:FOLLOWS]-() } AS n',
      { size },
    );
    const have = Number(records[0]?.get('n'));
    if (have >= size) break;
    const to = Math.min(size, have + SEED_BATCH);
    // As follow writes them; fan i followed i seconds before the star was seeded.
    await driver.executeQuery(
      `MATCH (s:BenchStar {benchFollowers: $size})
       UNWIND range($from, $to - 1) AS i
       CREATE (fan:User {id: randomUUID(), bench: true})
       CREATE (fan)-[:FOLLOWS {createdAt: datetime({epochMillis: s.benchBase - i * 1000}),
         follower: fan.id, followee: s.id}]->(s)`,
      { size, from: have, to },
    );
    if (to % 100_000 === 0 || to === size) progress.info({ size, followers: to }, 'seeding a star');
  }
  return starId;
}

// 1. Follows: 200 followers each follow a rotating set of 200 targets (distinct pairs).
const followers = await plant(200);
const targets = await plant(200);
const tokens = await Promise.all(followers.map(tokenFor));
let n = 0;
const follows = await load('follow (gateway → network, Cypher MERGE + outbox node)', {
  url,
  connections: 8,
  duration: 15,
  requests: [
    {
      method: 'POST',
      setupRequest: (req) => {
        const i = n++;
        const follower = i % followers.length;
        const target = Math.floor(i / followers.length) % targets.length;
        return {
          ...req,
          headers: {
            'content-type': 'application/json',
            authorization: `Bearer ${tokens[follower]}`,
          },
          body: JSON.stringify({
            query: 'mutation($id: ID!) { follow(userId: $id) { id } }',
            variables: { id: targets[target] },
          }),
        };
      },
    },
  ],
});

const pageQuery = `query($id: ID) { user(id: $id) { username followerCount
  followersConnection(first: 20, sort: [{ edge: { createdAt: DESC } }]) {
    edges { cursor node { id } properties { createdAt } } pageInfo { hasNextPage endCursor } } } }`;
const countsQuery = 'query($id: ID) { user(id: $id) { username followerCount followingCount } }';

const pages: LoadResult[] = [];
const notes: string[] = [];
// Seeding first: `npm run bench:network -- --seed-only` seeds without measuring (outside the
// machine's benchmark lock).
const SIZES = [10_000, 1_000_000];
const stars = new Map<number, string>();
for (const size of SIZES) stars.set(size, await star(size));
if (process.argv.includes('--seed-only')) {
  await driver.close();
  process.exit(0);
}

/**
 * `query` at 8 connections (throughput, and latency with queueing on 2 shared cores) and at 1
 * (one request at a time: its own latency), after one checked, unmeasured request.
 */
async function measure(name: string, query: string, id: string, followers?: number) {
  const started = performance.now();
  try {
    const data = await graphql(url, query, { id });
    if (followers !== undefined && data.user?.followerCount !== followers) {
      throw new Error(`followerCount ${data.user?.followerCount}, expected ${followers}`);
    }
    notes.push(`${name}: first request ${Math.round(performance.now() - started)} ms`);
  } catch (error) {
    // Recorded rather than ending the run (a GraphQL error is a 200: not in the errors column).
    notes.push(
      `${name}: first request failed after ${Math.round(performance.now() - started)} ms: ${error}`,
    );
  }
  for (const connections of [8, 1]) {
    pages.push(
      await load(`${name}, ${connections} connection${connections > 1 ? 's' : ''}`, {
        url,
        connections,
        duration: connections > 1 ? 15 : 10,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query, variables: { id } }),
      }),
    );
  }
}

for (const size of SIZES) {
  const starId = stars.get(size) ?? '';
  const label = size.toLocaleString('en-US');
  await measure(`first page of followers (20 of ${label}, newest first)`, pageQuery, starId, size);
  await measure(`followerCount + followingCount (${label} followers)`, countsQuery, starId, size);
}
// The floor: the same user through the gateway from identity alone (no network subgraph).
await measure(
  'user(id) { username } (identity only)',
  'query($id: ID) { user(id: $id) { username } }',
  stars.get(SIZES[0] ?? 0) ?? '',
);
await driver.close();

const report = `\n## ${new Date().toISOString()}\n\n${machine()}; everything on this machine, 8 connections 15 s, 1 connection 10 s; load average before the run ${startLoad}, after ${loadavg()
  .map((l) => l.toFixed(2))
  .join(' ')}.\n\n${table([follows, ...pages])}\n\n${notes.map((n) => `- ${n}`).join('\n')}\n`;
console.log(report);
appendFileSync(join(import.meta.dirname, 'results', 'network.md'), report);
