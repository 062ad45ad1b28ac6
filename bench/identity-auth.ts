/**
 * Register and login throughput and latency through the gateway, at concurrency 8, with
 * the argon2id parameters in subgraphs/identity/src/domain/passwords.ts.
 * Needs the stack: `npm start`, then `npm run bench:identity`.
 */
import { randomBytes } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { localStack } from '@flock/env';
import { graphql, load, machine, table } from './lib';

const url = `http://127.0.0.1:${localStack.ports.gateway}/graphql`;
const password = 'benchmark password';
const REGISTER = 'mutation($input: RegisterInput!) { register(input: $input) { accessToken } }';
const LOGIN = 'mutation($input: LoginInput!) { login(input: $input) { accessToken } }';
const run = randomBytes(3).toString('hex');
const headers = { 'content-type': 'application/json' };

let n = 0;
const register = await load('register (argon2id hash + 4 inserts + outbox)', {
  url,
  connections: 8,
  duration: 15,
  requests: [
    {
      method: 'POST',
      headers,
      setupRequest: (req) => {
        const username = `b${run}_${n++}`;
        return {
          ...req,
          body: JSON.stringify({
            query: REGISTER,
            variables: { input: { username, email: `${username}@bench.local`, password } },
          }),
        };
      },
    },
  ],
});

// Login as the users just registered, round robin.
const users = n;
let i = 0;
await graphql(url, LOGIN, { input: { login: `b${run}_0`, password } });
const login = await load('login (argon2id verify + session insert)', {
  url,
  connections: 8,
  duration: 15,
  requests: [
    {
      method: 'POST',
      headers,
      setupRequest: (req) => ({
        ...req,
        body: JSON.stringify({
          query: LOGIN,
          variables: { input: { login: `b${run}_${i++ % users}`, password } },
        }),
      }),
    },
  ],
});

const report = `\n## ${new Date().toISOString()}\n\n${machine()}; gateway → identity, everything on this machine, concurrency 8, 15 s each.\n\n${table([register, login])}\n`;
console.log(report);
appendFileSync(join(import.meta.dirname, 'results', 'identity-auth.md'), report);
