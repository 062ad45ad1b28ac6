import { join } from 'node:path';
import neo4jDriver from 'neo4j-driver';
import type { Component } from '../component';
import { ensureCompiled, ensureJars, javaBinary } from '../jvm';
import { paths } from '../paths';
import { startDetached, stopTracked, waitUntil } from '../processes';

const HEAP = ['-Xms256m', '-Xmx768m'];
const PAGE_CACHE_MIB = '128';
const JVM_OPENS = [
  '--add-opens=java.base/java.nio=ALL-UNNAMED',
  '--add-opens=java.base/java.io=ALL-UNNAMED',
  '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
  '--add-opens=java.base/java.lang=ALL-UNNAMED',
  '-Dio.netty.tryReflectionSetAccessible=true',
];

/**
 * Neo4j 5.26 Community, embedded in a small launcher (infra/neo4j/Launcher.java) with Bolt
 * on loopback, auth off (local only) and APOC core from the plugin folder.
 */
export function neo4j(uri: string): Component {
  const { hostname, port } = new URL(uri);
  const lib = paths.lib('neo4j');
  const plugins = paths.lib('neo4j-plugins');
  const launcher = paths.lib('neo4j-launcher');

  return {
    name: 'neo4j',
    endpoint: uri,
    async probe() {
      const driver = neo4jDriver.driver(uri, undefined, {
        connectionTimeout: 2000,
        connectionAcquisitionTimeout: 2000,
        maxTransactionRetryTime: 0,
        maxConnectionPoolSize: 1,
        logging: { level: 'error', logger: () => {} },
      });
      try {
        const result = await driver.executeQuery('RETURN apoc.version() AS version');
        return typeof result.records[0]?.get('version') === 'string';
      } catch {
        return false;
      } finally {
        await driver.close();
      }
    },
    async start() {
      await ensureJars('Neo4j', paths.infra('neo4j', 'pom.xml'), lib);
      await ensureJars('APOC core', paths.infra('neo4j', 'apoc', 'pom.xml'), plugins);
      // APOC's extensions load from the classpath and its procedures from the plugin folder.
      const classpath = [join(lib, '*'), join(plugins, '*')].join(':');
      ensureCompiled(paths.infra('neo4j', 'Launcher.java'), classpath, launcher);
      if (hostname !== '127.0.0.1' && hostname !== 'localhost') {
        throw new Error(`the local Neo4j listens on loopback only, not ${hostname}`);
      }
      startDetached('neo4j', javaBinary(), [
        ...HEAP,
        ...JVM_OPENS,
        '-cp',
        `${launcher}:${classpath}`,
        'Launcher',
        paths.data('neo4j'),
        plugins,
        port || '7687',
        PAGE_CACHE_MIB,
      ]);
      await waitUntil('neo4j', () => this.probe(), { timeoutMs: 120_000, processName: 'neo4j' });
    },
    stop: () => stopTracked('neo4j'),
  };
}
