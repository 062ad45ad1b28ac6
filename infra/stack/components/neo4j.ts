import { join } from 'node:path';
import neo4jDriver from 'neo4j-driver';
import type { Component } from '../component';
import { ensureCompiled, ensureJars, javaBinary } from '../jvm';
import { infraFile, lib } from '../paths';
import type { Processes } from '../processes';

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
 * on loopback, auth off (local only), APOC core from the plugin folder, and a server-side
 * transaction timeout (NEO4J_TRANSACTION_TIMEOUT, 10 s by default): a runaway query is
 * killed by the server, whatever the client does.
 */
export function neo4j(uri: string, transactionTimeoutMs: number, procs: Processes): Component {
  const { hostname, port } = new URL(uri);
  const jars = lib('neo4j');
  const plugins = lib('neo4j-plugins');
  const launcher = lib('neo4j-launcher');

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
      await ensureJars('Neo4j', infraFile('neo4j', 'pom.xml'), jars);
      await ensureJars('APOC core', infraFile('neo4j', 'apoc', 'pom.xml'), plugins);
      // APOC's extensions load from the classpath and its procedures from the plugin folder.
      const classpath = [join(jars, '*'), join(plugins, '*')].join(':');
      await ensureCompiled(infraFile('neo4j', 'Launcher.java'), classpath, launcher);
      if (hostname !== '127.0.0.1' && hostname !== 'localhost') {
        throw new Error(`the local Neo4j listens on loopback only, not ${hostname}`);
      }
      procs.startDetached('neo4j', javaBinary(), [
        ...HEAP,
        ...JVM_OPENS,
        '-cp',
        `${launcher}:${classpath}`,
        'Launcher',
        procs.paths.data('neo4j'),
        plugins,
        port || '7687',
        PAGE_CACHE_MIB,
        String(transactionTimeoutMs),
      ]);
      await procs.waitUntil('neo4j', () => this.probe(), {
        timeoutMs: 120_000,
        processName: 'neo4j',
      });
    },
    stop: () => procs.stopTracked('neo4j'),
  };
}
