/**
 * Network: follow mutations/s through the gateway, and the latency of the first page of
 * followers of a user with 10,000 followers. Needs the stack: `npm start`, then
 * `npm run bench:network`. Graph-only users are planted directly in Neo4j (they have no
 * identity account); tokens are signed with the development key in .flock/keys.
 */
import { randomUUID } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadSigningKey, signAccessToken } from '@flock/auth';
import { localStack } from '@flock/env';
import neo4j from 'neo4j-driver';
import { graphql, load, machine, table } from './lib';

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

// 2. A star with 10,000 followers: a real account (identity resolves user(id)), planted fans.
const starName = `star_${randomUUID().slice(0, 8)}`;
const star = await graphql(
  url,
  'mutation($input: RegisterInput!) { register(input: $input) { user { id } } }',
  {
    input: { username: starName, email: `${starName}@bench.local`, password: 'benchmark password' },
  },
);
const starId: string = star.register.user.id;
const fans = await plant(10_000);
await driver.executeQuery(
  `MERGE (star:User {id: $starId})
   WITH star UNWIND range(0, size($fans) - 1) AS i
   MATCH (fan:User {id: $fans[i]})
   CREATE (fan)-[:FOLLOWS {createdAt: datetime() - duration({seconds: i})}]->(star)`,
  { starId, fans },
);
const page = await load('first page of followers (20 of 10,000, newest first)', {
  url,
  connections: 8,
  duration: 15,
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({
    query: `query($id: ID) { user(id: $id) { username followerCount
      followersConnection(first: 20, sort: [{ edge: { createdAt: DESC } }]) {
        edges { cursor node { id } properties { createdAt } } pageInfo { hasNextPage endCursor } } } }`,
    variables: { id: starId },
  }),
});
await driver.close();

const report = `\n## ${new Date().toISOString()}\n\n${machine()}; everything on this machine, 8 connections, 15 s each.\n\n${table([follows, page])}\n`;
console.log(report);
appendFileSync(join(import.meta.dirname, 'results', 'network.md'), report);
