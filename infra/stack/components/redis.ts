import { createClient } from 'redis';
import type { Component } from '../component';
import type { Processes } from '../processes';

/** Redis: a running server is reused; otherwise redis-server runs under <state dir>/data/redis. */
export function redis(url: string, procs: Processes): Component {
  const { port, hostname } = new URL(url);
  return {
    name: 'redis',
    endpoint: url,
    async probe() {
      const client = createClient({
        url,
        socket: { connectTimeout: 2000, reconnectStrategy: false },
      });
      client.on('error', () => {});
      try {
        await client.connect();
        return (await client.ping()) === 'PONG';
      } catch {
        return false;
      } finally {
        if (client.isOpen) await client.quit().catch(() => {});
      }
    },
    async start() {
      procs.startDetached('redis', 'redis-server', [
        '--port',
        port || '6379',
        '--bind',
        hostname,
        '--save',
        '',
        '--appendonly',
        'no',
        '--dir',
        procs.paths.data('redis'),
      ]);
      await procs.waitUntil('redis', () => this.probe(), {
        timeoutMs: 20_000,
        processName: 'redis',
      });
    },
    stop: () => procs.stopTracked('redis'),
  };
}
