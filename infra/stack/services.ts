import { join } from 'node:path';
import type { LocalStack, ServiceName } from '@flock/env';
import type { Component } from './component';
import { repoRoot } from './paths';
import { startDetached, stopTracked, waitUntil } from './processes';

/** The Flock services `npm start` runs, in start order: a group starts once the previous is ready. */
/** `main`: the entry under src/bin/ when it is not server.ts (workers). */
const serviceGroups: { name: ServiceName; dir: string; main?: string }[][] = [
  [
    { name: 'identity', dir: 'subgraphs/identity' },
    { name: 'mailer', dir: 'workers/mailer', main: 'src/bin/worker.ts' },
  ],
  // These need identity's JWKS.
  [
    { name: 'network', dir: 'subgraphs/network' },
    { name: 'network-worker', dir: 'subgraphs/network', main: 'src/bin/worker.ts' },
    { name: 'posts', dir: 'subgraphs/posts' },
    { name: 'feed', dir: 'subgraphs/feed' },
    { name: 'feed-worker', dir: 'subgraphs/feed', main: 'src/bin/worker.ts' },
  ],
  [{ name: 'gateway', dir: 'gateway' }],
];

/** A service run from its TypeScript sources by tsx; ready when its /readyz answers 200. */
function service(
  stack: LocalStack,
  name: ServiceName,
  dir: string,
  main = 'src/bin/server.ts',
): Component {
  const port = stack.ports[name];
  const url = `http://127.0.0.1:${port}`;
  return {
    name,
    endpoint: url,
    async probe() {
      const response = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(2000) });
      return response.ok;
    },
    async start() {
      startDetached(name, join(repoRoot, 'node_modules', '.bin', 'tsx'), [main], {
        cwd: join(repoRoot, dir),
        env: { PORT: String(port) },
      });
      await waitUntil(name, () => this.probe(), { timeoutMs: 60_000, processName: name });
    },
    stop: () => stopTracked(name),
  };
}

export function serviceComponents(stack: LocalStack): Component[][] {
  return serviceGroups.map((group) =>
    group.map(({ name, dir, main }) => service(stack, name, dir, main)),
  );
}
