import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createCluster } from 'redis';
import type { Component } from '../component';
import type { Processes } from '../processes';

const run = promisify(execFile);

/** Every hash slot of a cluster (0..16383). */
const SLOTS = 16_384;

/**
 * The cluster bus of a node listens on its port + this (Redis's default, + 10000, would collide
 * with a second stack's nodes, whose ports are the first's + 10000).
 */
export const CLUSTER_BUS_OFFSET = 1_000;

/**
 * A 3-master Redis Cluster on loopback (no replicas, no persistence): `redis-server` in
 * cluster mode per node, joined by `redis-cli --cluster create`. For the tests of what runs on
 * a cluster (`npm test` starts it) and for `FLOCK_REDIS=cluster npm start`.
 */
export function redisCluster(nodes: string[], procs: Processes): Component {
  const addresses = nodes.map((url) => {
    const { hostname, port } = new URL(url);
    return { host: hostname, port: Number(port) };
  });
  const name = (i: number) => `redis-cluster-${i + 1}`;
  return {
    name: 'redis-cluster',
    endpoint: nodes.join(','),
    optional: true,
    async probe() {
      const cluster = createCluster({
        rootNodes: nodes.map((url) => ({ url })),
        defaults: { socket: { connectTimeout: 2000, reconnectStrategy: false } },
      });
      cluster.on('error', () => {});
      try {
        await cluster.connect();
        // Ready means every slot served and every master known, not just a port open.
        const served = cluster.slots.filter((shard) => shard?.master).length;
        return served === SLOTS && cluster.masters.length === nodes.length;
      } catch {
        return false;
      } finally {
        await cluster.close().catch(() => {});
      }
    },
    async start() {
      // A node keeps its cluster membership in nodes.conf: start every one afresh.
      addresses.forEach(({ host, port }, i) => {
        const dir = procs.paths.data(name(i));
        rmSync(join(dir, 'nodes.conf'), { force: true });
        procs.startDetached(name(i), 'redis-server', [
          '--port',
          String(port),
          '--bind',
          host,
          '--cluster-enabled',
          'yes',
          '--cluster-port',
          String(port + CLUSTER_BUS_OFFSET),
          '--cluster-config-file',
          'nodes.conf',
          '--save',
          '',
          '--appendonly',
          'no',
          '--dir',
          dir,
        ]);
      });
      for (const [i, { host, port }] of addresses.entries()) {
        await procs.waitUntil(name(i), () => pong(host, port), {
          timeoutMs: 20_000,
          processName: 'redis-server',
        });
      }
      await run('redis-cli', [
        '--cluster',
        'create',
        ...addresses.map(({ host, port }) => `${host}:${port}`),
        '--cluster-replicas',
        '0',
        '--cluster-yes',
      ]);
      await procs.waitUntil('redis-cluster', () => this.probe(), {
        timeoutMs: 30_000,
        processName: 'redis-server',
      });
    },
    async stop() {
      const stopped = await Promise.all(addresses.map((_, i) => procs.stopTracked(name(i))));
      return stopped.some(Boolean);
    },
    describe() {
      const pids = addresses.map((_, i) => procs.trackedPid(name(i))).filter(Boolean);
      return pids.length > 0 ? `pids ${pids.join(', ')}` : undefined;
    },
  };
}

async function pong(host: string, port: number): Promise<boolean> {
  try {
    const { stdout } = await run('redis-cli', ['-h', host, '-p', String(port), 'PING']);
    return stdout.trim() === 'PONG';
  } catch {
    return false;
  }
}
