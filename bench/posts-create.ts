/**
 * Posts: createPost throughput and latency through the gateway (row + outbox in one
 * transaction, relayed to Kafka). Needs the stack: `npm start`, then `npm run bench:posts`.
 */
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { localStack } from '@flock/env';
import { graphql, load, machine, table } from './lib';

const url = `http://127.0.0.1:${localStack.ports.gateway}/graphql`;
const authors = await Promise.all(
  Array.from({ length: 8 }, async (_, i) => {
    const username = `poster_${Date.now().toString(36)}_${i}`;
    const data = await graphql(
      url,
      'mutation($input: RegisterInput!) { register(input: $input) { accessToken } }',
      {
        input: { username, email: `${username}@bench.local`, password: 'benchmark password' },
      },
    );
    return data.register.accessToken as string;
  }),
);
let n = 0;
const create = await load('createPost (gateway → posts: insert + outbox, relayed to Kafka)', {
  url,
  connections: 8,
  duration: 15,
  requests: [
    {
      method: 'POST',
      setupRequest: (req) => {
        const i = n++;
        return {
          ...req,
          headers: {
            'content-type': 'application/json',
            authorization: `Bearer ${authors[i % authors.length]}`,
          },
          body: JSON.stringify({
            query: 'mutation($body: String!) { createPost(body: $body) { id createdAt } }',
            variables: { body: `Benchmark post number ${i}: hello, Flock!` },
          }),
        };
      },
    },
  ],
});
const report = `\n## ${new Date().toISOString()}\n\n${machine()}; everything on this machine, 8 connections, 15 s.\n\n${table([create])}\n`;
console.log(report);
appendFileSync(join(import.meta.dirname, 'results', 'posts.md'), report);
