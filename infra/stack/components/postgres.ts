import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import pg from 'pg';
import type { Component } from '../component';
import type { Processes } from '../processes';

/**
 * Postgres: a running server is reused. When none answers and the machine has a Debian
 * cluster (pg_ctlcluster), that cluster is started, and stopped again by infra:down.
 */
export function postgres(url: string, procs: Processes): Component {
  const marker = procs.paths.runFile('postgres.started-cluster');
  const clusters = () =>
    existsSync('/etc/postgresql') ? readdirSync('/etc/postgresql').map((v) => [v, 'main']) : [];
  const ctl = (version: string, action: 'start' | 'stop') =>
    spawnSync('pg_ctlcluster', ['--skip-systemctl-redirect', version, 'main', action], {
      stdio: 'pipe',
      encoding: 'utf8',
    });

  return {
    name: 'postgres',
    endpoint: url.replace(/\/\/[^@]*@/, '//'),
    async probe() {
      const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
      try {
        await client.connect();
        await client.query('SELECT 1');
        return true;
      } catch {
        return false;
      } finally {
        await client.end().catch(() => {});
      }
    },
    async start() {
      const [cluster] = clusters();
      if (!cluster) {
        throw new Error(
          `no Postgres answers at ${this.endpoint} and no local cluster was found: start one, or set POSTGRES_URL`,
        );
      }
      const [version = ''] = cluster;
      const result = ctl(version, 'start');
      if (result.status !== 0)
        throw new Error(`pg_ctlcluster ${version} main start: ${result.stderr}`);
      writeFileSync(marker, version);
      await procs.waitUntil('postgres', () => this.probe(), { timeoutMs: 30_000 });
    },
    async stop() {
      if (!existsSync(marker)) return false;
      const [cluster] = clusters();
      rmSync(marker);
      if (cluster) ctl(cluster[0] ?? '', 'stop');
      return true;
    },
  };
}
