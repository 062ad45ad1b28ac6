import cluster from 'node:cluster';
import {
  AggregatorRegistry,
  Counter,
  collectDefaultMetrics,
  Gauge,
  Histogram,
  Registry,
} from 'prom-client';
import { serviceMetricsText } from './cluster';

/** Seconds buckets for request-like durations (1 ms to 10 s). */
const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * A service's Prometheus metrics (served at /metrics). Every series carries the `service`
 * label; other label values are bounded (operation names through `boundedLabel`, entity
 * types, topics, partitions — never user ids). Metrics are registered when first used, so a
 * service shows only the series it has.
 */
export class ServiceMetrics {
  readonly registry = new Registry();
  private readonly made = new Map<string, Counter | Gauge | Histogram>();
  private readonly operationNames = new BoundedLabel(200);

  constructor(
    readonly service: string,
    { runtime = true }: { runtime?: boolean } = {},
  ) {
    this.registry.setDefaultLabels({ service });
    // Event-loop delay, heap, GC, CPU, RSS, handles: prom-client's defaults.
    if (runtime) collectDefaultMetrics({ register: this.registry });
    // A worker of a node:cluster service answers the primary's requests with this registry.
    // (Constructing an aggregator is what makes prom-client listen for those requests.)
    if (cluster.isWorker) {
      new AggregatorRegistry();
      AggregatorRegistry.setRegistries([this.registry]);
    }
  }

  /** The Prometheus text of every series (of every worker, for a node:cluster service). */
  metrics(): Promise<string> {
    return serviceMetricsText(this.registry);
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  /**
   * An operation name as a label: known names (first 200 seen), `anonymous`, else `other`.
   * A subgraph sees the gateway's names for its fetches (`HomeFeed__feed__0`): counted as
   * the client's operation.
   */
  operationLabel(name: string | null | undefined): string {
    if (!name) return 'anonymous';
    return this.operationNames.of(name.replace(/__[A-Za-z0-9_-]+__\d+$/, ''));
  }

  // GraphQL (gateway and subgraphs)
  get graphqlRequestDuration() {
    return this.histogram(
      'flock_graphql_request_duration_seconds',
      'GraphQL requests by operation name and outcome (ok: no errors; error: any error).',
      ['operation', 'outcome'],
    );
  }
  get graphqlErrors() {
    return this.counter(
      'flock_graphql_errors_total',
      'GraphQL errors answered, by extensions.code.',
      ['code'],
    );
  }

  // Gateway
  get subgraphFetchDuration() {
    return this.histogram(
      'flock_gateway_subgraph_fetch_duration_seconds',
      "The gateway's calls to each subgraph, by outcome (ok, error: errors or unavailable).",
      ['subgraph', 'outcome'],
    );
  }
  get entityCacheHits() {
    return this.counter(
      'flock_gateway_entity_cache_hits_total',
      'Entities the gateway answered from its cache.',
      ['type'],
    );
  }
  get entityCacheMisses() {
    return this.counter(
      'flock_gateway_entity_cache_misses_total',
      'Cacheable entities the gateway had to fetch.',
      ['type'],
    );
  }
  get entityCacheEvictions() {
    return this.counter(
      'flock_gateway_entity_cache_evictions_total',
      'Entities removed from the cache: invalidated by a write, or pushed out when full.',
      ['type', 'reason'],
    );
  }
  get rateLimitRejections() {
    return this.counter(
      'flock_rate_limit_rejections_total',
      'Requests refused with RATE_LIMITED, by limit.',
      ['limit'],
    );
  }

  // Kafka consumers
  get consumerLag() {
    return this.gauge(
      'flock_kafka_consumer_lag',
      'Messages between the last one handled and the partition high watermark, at the last fetch.',
      ['group', 'topic', 'partition'],
    );
  }
  get eventsHandled() {
    return this.counter(
      'flock_events_handled_total',
      'Event handler runs by outcome (ok, retried, dead_lettered).',
      ['group', 'topic', 'outcome'],
    );
  }
  get eventHandleDuration() {
    return this.histogram(
      'flock_events_handle_duration_seconds',
      'Time to handle one event (successful attempts).',
      ['group', 'topic'],
    );
  }
  get deadLettered() {
    return this.counter(
      'flock_events_dead_lettered_total',
      'Messages parked on a dead-letter topic, by why (invalid, permanent, unknown).',
      ['group', 'topic', 'failure'],
    );
  }

  // Outbox
  get outboxPublished() {
    return this.counter('flock_outbox_published_total', 'Outbox rows published to Kafka.', [
      'topic',
    ]);
  }
  /** Backlog gauges, read from the outbox when scraped. */
  outboxBacklog(read: () => Promise<{ count: number; oldestAgeSeconds: number }>): void {
    type Backlog = { count: number; oldestAgeSeconds: number } | undefined;
    let last: Promise<Backlog> | undefined;
    const sample = () => {
      // Both gauges are collected in one scrape: one query serves both. A database that
      // does not answer leaves the last values (the scrape itself still succeeds).
      last ??= read()
        .catch((): Backlog => undefined)
        .finally(() => {
          setImmediate(() => {
            last = undefined;
          });
        });
      return last;
    };
    this.gauge('flock_outbox_backlog_messages', 'Outbox rows waiting to be published.', [], {
      async collect() {
        const backlog = await sample();
        if (backlog) this.set(backlog.count);
      },
    });
    this.gauge(
      'flock_outbox_oldest_age_seconds',
      'Age of the oldest outbox row waiting to be published (0 when none).',
      [],
      {
        async collect() {
          const backlog = await sample();
          if (backlog) this.set(backlog.oldestAgeSeconds);
        },
      },
    );
  }

  // Feed
  get fanoutDeliveries() {
    return this.counter(
      'flock_feed_fanout_deliveries_total',
      "Posts written into followers' home timelines.",
      [],
    );
  }
  get fanoutDuration() {
    return this.histogram(
      'flock_feed_fanout_duration_seconds',
      "Time to fan one post out to its author's followers.",
      [],
      [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    );
  }

  private counter<L extends string>(name: string, help: string, labelNames: L[]): Counter<L> {
    return this.make(name, () => new Counter({ name, help, labelNames, registers: [] }));
  }

  private histogram<L extends string>(
    name: string,
    help: string,
    labelNames: L[],
    buckets = LATENCY_BUCKETS,
  ): Histogram<L> {
    return this.make(name, () => new Histogram({ name, help, labelNames, buckets, registers: [] }));
  }

  private gauge<L extends string>(
    name: string,
    help: string,
    labelNames: L[],
    extra: { collect?: (this: Gauge<L>) => Promise<void> } = {},
  ): Gauge<L> {
    return this.make(name, () => new Gauge({ name, help, labelNames, registers: [], ...extra }));
  }

  private make<M extends Counter | Gauge | Histogram>(name: string, create: () => M): M {
    let metric = this.made.get(name) as M | undefined;
    if (!metric) {
      metric = create();
      this.registry.registerMetric(metric);
      this.made.set(name, metric);
    }
    return metric;
  }
}

const LABEL_SAFE = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/** Label values a client chooses (operation names), bounded: the first `max` seen, then `other`. */
export class BoundedLabel {
  private readonly seen = new Set<string>();

  constructor(private readonly max: number) {}

  of(value: string): string {
    if (this.seen.has(value)) return value;
    if (!LABEL_SAFE.test(value) || this.seen.size >= this.max) return 'other';
    this.seen.add(value);
    return value;
  }
}
