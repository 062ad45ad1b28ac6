import cluster from 'node:cluster';
import { randomUUID } from 'node:crypto';
import { AggregatorRegistry, type Registry } from 'prom-client';

const REQUEST = 'flock:cluster-metrics-request';
const REPLY = 'flock:cluster-metrics-reply';

interface MetricsRequest {
  type: typeof REQUEST;
  id: string;
}
interface MetricsReply {
  type: typeof REPLY;
  id: string;
  text?: string;
  error?: string;
}

/**
 * In a node:cluster primary (a service running WORKERS processes on one port): answers a
 * worker's request for the metrics of every worker, summed (prom-client's aggregator), so
 * whichever worker a scrape reaches serves the whole service.
 */
export function serveClusterMetrics(): void {
  const aggregator = new AggregatorRegistry();
  cluster.on('message', (worker, message: MetricsRequest) => {
    if (message?.type !== REQUEST) return;
    aggregator.clusterMetrics().then(
      (text) => worker.send({ type: REPLY, id: message.id, text } satisfies MetricsReply),
      (error: unknown) =>
        worker.send({ type: REPLY, id: message.id, error: String(error) } satisfies MetricsReply),
    );
  });
}

/**
 * The service's metrics text: in a cluster worker, every worker's (asked of the primary,
 * which asks each worker for `registry`); else this process's own.
 */
export async function serviceMetricsText(registry: Registry, timeoutMs = 5_000): Promise<string> {
  if (!cluster.isWorker || !process.send) return registry.metrics();
  const id = randomUUID();
  return new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      process.off('message', onReply);
      reject(new Error('the cluster primary did not answer with the metrics'));
    }, timeoutMs);
    function onReply(message: MetricsReply) {
      if (message?.type !== REPLY || message.id !== id) return;
      clearTimeout(timer);
      process.off('message', onReply);
      if (message.text !== undefined) resolve(message.text);
      else reject(new Error(message.error ?? 'no metrics'));
    }
    process.on('message', onReply);
    process.send?.({ type: REQUEST, id } satisfies MetricsRequest);
  });
}
