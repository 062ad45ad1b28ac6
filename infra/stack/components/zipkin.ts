import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Component } from '../component';
import { ensureJars, javaBinary } from '../jvm';
import { infraFile, lib } from '../paths';
import type { Processes } from '../processes';

/** A trace viewer beside the rest: small and fixed, it holds spans in memory only. */
const HEAP = ['-Xms64m', '-Xmx256m', '-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1'];
/**
 * The newest spans kept in memory (older ones are dropped): a few thousand requests' worth.
 * Measured with 256 MiB of heap and spans of 6 tags: 100,000 held (RSS 400 MiB), 150,000 ran
 * out of heap; this leaves room for larger spans (SQL statements as tags).
 */
export const ZIPKIN_MAX_SPANS = 50_000;

/**
 * Zipkin 3 (the server's executable jar from Maven Central, infra/zipkin/pom.xml), the local
 * trace viewer: in-memory storage, HTTP on loopback only (UI at /zipkin/, spans in Zipkin's
 * v2 JSON at POST /api/v2/spans, which is what @opentelemetry/exporter-zipkin sends).
 */
export function zipkin(url: string, procs: Processes): Component {
  const { hostname, port } = new URL(url);
  const jars = lib('zipkin');
  return {
    name: 'zipkin',
    endpoint: `${url}/zipkin/`,
    optional: true,
    async probe() {
      const response = await fetch(new URL('/health', url), { signal: AbortSignal.timeout(2000) });
      if (!response.ok) return false;
      // Zipkin's own health document, not just anything answering on the port.
      const health = (await response.json()) as { zipkin?: { status?: string } };
      return health.zipkin?.status === 'UP';
    },
    async start() {
      await ensureJars('Zipkin', infraFile('zipkin', 'pom.xml'), jars);
      if (hostname !== '127.0.0.1' && hostname !== 'localhost') {
        throw new Error(`the local Zipkin listens on loopback only, not ${hostname}`);
      }
      procs.startDetached(
        'zipkin',
        javaBinary(),
        [
          ...HEAP,
          '-jar',
          executableJar(jars),
          // Armeria serves Zipkin: its port list is where the bind address is set.
          '--armeria.ports[0].ip=127.0.0.1',
          `--armeria.ports[0].port=${port || '9411'}`,
          '--armeria.ports[0].protocols[0]=http',
        ],
        {
          env: {
            STORAGE_TYPE: 'mem',
            MEM_MAX_SPANS: String(ZIPKIN_MAX_SPANS),
            QUERY_PORT: port || '9411',
            // Zipkin tracing itself would only add noise to the traces of Flock.
            SELF_TRACING_ENABLED: 'false',
          },
        },
      );
      await procs.waitUntil('zipkin', () => this.probe(), {
        timeoutMs: 90_000,
        processName: 'zipkin',
      });
    },
    stop: () => procs.stopTracked('zipkin'),
  };
}

function executableJar(dir: string): string {
  const jar = readdirSync(dir).find((file) => /^zipkin-server-.*-exec\.jar$/.test(file));
  if (!jar) throw new Error(`no zipkin-server-*-exec.jar in ${dir}: remove it and start again`);
  return join(dir, jar);
}
