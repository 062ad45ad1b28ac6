/**
 * The acceptance test of deploy/k8s: every overlay rendered with `kubectl kustomize`, every
 * object validated against the Kubernetes schemas (kubernetes-models), and the checks of
 * ./checks.ts, each of which must find nothing here and must find the fault in a broken copy.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import {
  discoverServices,
  type EnvInfo,
  envInfo,
  envProblems,
  hardeningProblems,
  ingressProblems,
  jobProblems,
  type K8sObject,
  k8sRoot,
  networkPolicyProblems,
  observabilityProblems,
  observabilitySources,
  overlayDirs,
  postgresServices,
  probeProblems,
  render,
  repoRoot,
  resolveEnv,
  type ServiceEntry,
  scalingProblems,
  schemaProblems,
  secretProblems,
  secretsExample,
  supergraphProblems,
  supergraphSubgraphs,
  withMounted,
  workloads,
} from './checks';

// Each service's zod model, as its loader hands it to loadEnv.
const captured = vi.hoisted(() => ({ schema: undefined as unknown }));
vi.mock('@flock/env', async (importOriginal) => {
  const original = await importOriginal<typeof import('@flock/env')>();
  return {
    ...original,
    loadEnv: ((schema, source) => {
      captured.schema = schema;
      return original.loadEnv(schema, source);
    }) as typeof original.loadEnv,
  };
});

/** The partitions ensureTopics asks a (fake) broker for when not told how many. */
async function defaultPartitions(): Promise<number> {
  const { allTopics, ensureTopics } = await import('@flock/events');
  const counts: number[] = [];
  const admin = {
    connect: async () => {},
    disconnect: async () => {},
    listTopics: async () => [],
    createTopics: async ({ topics }: { topics: { numPartitions: number }[] }) => {
      counts.push(...topics.map((t) => t.numPartitions));
      return true;
    },
  };
  await ensureTopics({ admin: () => admin } as any, allTopics);
  const distinct = [...new Set(counts)];
  if (distinct.length !== 1) throw new Error(`topics have ${distinct.join(', ')} partitions`);
  return distinct[0] ?? 0;
}

const supergraph = readFileSync(join(repoRoot, 'schema/supergraph.graphql'), 'utf8');
const subgraphs = [...supergraphSubgraphs(supergraph).keys()];
const example = secretsExample();
const observability = observabilitySources();
const overlays = overlayDirs();
const services: ServiceEntry[] = discoverServices();
// Kafka consumer groups: each service run from a src/bin/worker.ts.
const consumers = services.filter((s) => s.bin === 'worker.ts').map((s) => s.name);
const rendered = new Map<string, K8sObject[]>();
const infos = new Map<string, EnvInfo>();
/** The partitions of each topic in an overlay: what its create-topics Job asks for. */
const partitionsOf = new Map<string, number>();

async function topicPartitions(objects: K8sObject[]): Promise<number> {
  const job = workloads(objects).find((w) => w.kind === 'Job' && w.name === 'create-topics');
  const info = infos.get('create-topics');
  const topicsModule = join(repoRoot, 'infra/jobs/topics.ts');
  if (!job || !info || !existsSync(topicsModule)) return defaultPartitions();
  const { topicSettingsOf } = await import(topicsModule);
  const env = withMounted(resolveEnv(objects, job, example), info.load);
  return topicSettingsOf(env).partitions ?? defaultPartitions();
}

beforeAll(async () => {
  for (const dir of overlays) rendered.set(basename(dir), render(dir));
  for (const service of services) {
    captured.schema = undefined;
    infos.set(service.name, await envInfo(service, () => captured.schema));
  }
  for (const [overlay, objects] of rendered)
    partitionsOf.set(overlay, await topicPartitions(objects));
}, 60_000);

describe('what the code says', () => {
  it('finds the services, their env models, the subgraphs and the partitions', () => {
    expect(overlays.map((d) => basename(d)).sort()).toEqual(
      expect.arrayContaining(['dev', 'prod']),
    );
    expect(services.map((s) => s.name)).toEqual(
      expect.arrayContaining(['gateway', ...subgraphs, 'feed-worker', 'network-worker', 'mailer']),
    );
    expect(subgraphs.sort()).toEqual(['feed', 'identity', 'network', 'posts']);
    expect(consumers.sort()).toEqual(['feed-worker', 'mailer', 'network-worker']);
    for (const overlay of rendered.keys()) expect(partitionsOf.get(overlay)).toBeGreaterThan(0);
    // Production refuses to start identity without its keys, and HOST's default is loopback.
    expect(infos.get('identity')?.required).toEqual(
      expect.arrayContaining(['JWT_PRIVATE_KEY', 'EMAIL_TOKEN_KEY', 'REFRESH_TOKEN_KEY']),
    );
    expect(infos.get('gateway')?.localDefaults).toEqual(
      expect.arrayContaining(['HOST', 'REDIS_URL', 'IDENTITY_JWKS_URL']),
    );
  });
});

describe.each(overlays.map((dir) => basename(dir)))('overlay %s', (overlay) => {
  const objects = () => rendered.get(overlay) ?? [];

  it('renders objects that all validate against the Kubernetes schemas', () => {
    expect(objects().length).toBeGreaterThan(30);
    expect(schemaProblems(objects())).toEqual([]);
  });

  it('gives every service each variable it reads in production, which its own loader accepts', () => {
    expect(envProblems(objects(), services, infos, example)).toEqual([]);
  });

  it('probes /readyz and /healthz on the port each service listens on, which its Service targets', () => {
    expect(probeProblems(objects(), example)).toEqual([]);
  });

  it('runs every pod restricted, with requests and limits, and a disruption budget per Deployment', () => {
    expect(hardeningProblems(objects())).toEqual([]);
  });

  it('autoscales the gateway and the subgraphs, and no consumer group beyond the partitions', () => {
    expect(
      scalingProblems(objects(), subgraphs, consumers, partitionsOf.get(overlay) ?? 0),
    ).toEqual([]);
  });

  it('exposes only the gateway, through an nginx Ingress', () => {
    expect(ingressProblems(objects())).toEqual([]);
  });

  it('lets only the gateway reach the subgraphs (and identity, whoever names it)', () => {
    expect(networkPolicyProblems(objects(), subgraphs, example)).toEqual([]);
  });

  it('mounts the current supergraph into the gateway, which routes to the Services', () => {
    expect(supergraphProblems(objects(), supergraph, example)).toEqual([]);
  });

  it('references secrets without committing any', () => {
    expect(secretProblems(objects(), example)).toEqual([]);
  });

  it('is scraped on every http port, exports traces once configured, carries the dashboard and alerts', () => {
    const kinds = objects().map((o) => `${o.apiVersion} ${o.kind}`);
    expect(kinds).toEqual(
      expect.arrayContaining([
        'monitoring.coreos.com/v1 PodMonitor',
        'monitoring.coreos.com/v1 PrometheusRule',
      ]),
    );
    expect(observabilityProblems(objects(), observability, example)).toEqual([]);
  });

  it('runs migrations and topic creation as Jobs', () => {
    expect(jobProblems(objects(), ['dist/jobs/migrate.js', 'dist/jobs/create-topics.js'])).toEqual(
      [],
    );
  });
});

describe('the supergraph copy under deploy/k8s/base', () => {
  it('is schema/supergraph.graphql (kustomize loads no file outside its folder)', () => {
    const copy = readFileSync(join(k8sRoot, 'base/supergraph/supergraph.graphql'), 'utf8');
    expect(copy === supergraph, 'stale: run node deploy/k8s/sync-supergraph.mjs').toBe(true);
  });
});

describe('monitoring (deploy/k8s/observability)', () => {
  it('exports no trace by default: the endpoint is unset until config.env gives one', () => {
    const config = render(join(k8sRoot, 'base')).find(
      (o) => o.kind === 'ConfigMap' && o.metadata.name.startsWith('flock-config'),
    );
    expect(config?.data).not.toHaveProperty('OTEL_EXPORTER_ZIPKIN_ENDPOINT');
    expect(config?.data).not.toHaveProperty('OTEL_TRACES_SAMPLER_ARG');
    for (const objects of rendered.values()) {
      for (const workload of workloads(objects).filter((w) => w.kind === 'Deployment')) {
        const env = resolveEnv(objects, workload, example);
        expect(env.problems).toEqual([]);
        expect(env.values).not.toHaveProperty('OTEL_EXPORTER_ZIPKIN_ENDPOINT');
      }
    }
  });

  it('gives every service the endpoint and sampler once flock-config has them', () => {
    const objects = structuredClone(rendered.get('prod') ?? []);
    const config = objects.find(
      (o) => o.kind === 'ConfigMap' && o.metadata.name.startsWith('flock-config'),
    ) as K8sObject;
    config.data.OTEL_EXPORTER_ZIPKIN_ENDPOINT = 'http://zipkin.monitoring.svc:9411/api/v2/spans';
    config.data.OTEL_TRACES_SAMPLER_ARG = '0.1';
    const deployments = workloads(objects).filter((w) => w.kind === 'Deployment');
    expect(deployments.map((w) => w.name).sort()).toEqual(
      services
        .filter((s) => s.kind === 'Deployment')
        .map((s) => s.name)
        .sort(),
    );
    for (const workload of deployments) {
      expect(resolveEnv(objects, workload, example).values).toMatchObject({
        OTEL_EXPORTER_ZIPKIN_ENDPOINT: 'http://zipkin.monitoring.svc:9411/api/v2/spans',
        OTEL_TRACES_SAMPLER_ARG: '0.1',
      });
    }
  });
});

describe('the data stores (deploy/k8s/dependencies)', () => {
  const stores = (variant: string) => render(join(k8sRoot, 'dependencies', variant));
  const dependencies = (overlay: string) =>
    rendered
      .get(overlay)
      ?.find((o) => o.kind === 'ConfigMap' && o.metadata.name.startsWith('flock-dependencies-'))
      ?.data as Record<string, string>;

  it.each([
    ['dev', 'dev'],
    ['prod', 'prod'],
  ])(
    '%s: Kafka and Postgres as Flock needs them, at the addresses the %s overlay uses',
    (variant, overlay) => {
      const objects = stores(variant);
      const crds = new Set(['Kafka', 'KafkaNodePool', 'Cluster', 'Database']);
      expect(schemaProblems(objects.filter((o) => !crds.has(o.kind)))).toEqual([]);
      expect([...new Set(objects.map((o) => o.kind))].sort()).toEqual([
        'Cluster',
        'Database',
        'Kafka',
        'KafkaNodePool',
        'Namespace',
      ]);
      const deps = dependencies(overlay);
      const kafka = objects.find((o) => o.kind === 'Kafka') as K8sObject;
      const namespace = kafka.metadata.namespace;
      const brokers = objects
        .filter((o) => o.kind === 'KafkaNodePool' && o.spec.roles.includes('broker'))
        .reduce((n, pool) => n + pool.spec.replicas, 0);
      const config = kafka.spec.kafka.config;
      expect(config['auto.create.topics.enable']).toBe(false);
      expect(Number(deps.KAFKA_REPLICATION_FACTOR)).toBeLessThanOrEqual(brokers);
      expect(Number(deps.KAFKA_MIN_INSYNC_REPLICAS)).toBeLessThanOrEqual(
        Number(deps.KAFKA_REPLICATION_FACTOR),
      );
      if (overlay === 'prod') {
        expect(Number(deps.KAFKA_REPLICATION_FACTOR)).toBeGreaterThanOrEqual(3);
        expect(Number(deps.KAFKA_MIN_INSYNC_REPLICAS)).toBeGreaterThanOrEqual(2);
      }
      const plain = kafka.spec.kafka.listeners.find((l: { tls: boolean }) => !l.tls);
      expect(deps.KAFKA_BROKERS).toBe(
        `${kafka.metadata.name}-kafka-bootstrap.${namespace}.svc:${plain.port}`,
      );

      const cluster = objects.find((o) => o.kind === 'Cluster') as K8sObject;
      const databases = objects.filter((o) => o.kind === 'Database');
      expect(databases.map((d) => d.spec.name).sort()).toEqual(postgresServices());
      const roles = cluster.spec.managed.roles.map((r: { name: string }) => r.name);
      for (const database of databases) {
        expect(database.spec.cluster.name).toBe(cluster.metadata.name);
        expect(roles).toContain(database.spec.owner);
      }
      expect(new URL(deps.POSTGRES_URL ?? '').host).toBe(
        `${cluster.metadata.name}-rw.${namespace}.svc:5432`,
      );
      // Each service's DATABASE_URL (a Secret) names its own database on that server.
      for (const service of postgresServices()) {
        const url = new URL(
          example.get('flock-postgres')?.get(`${service.toUpperCase()}_DATABASE_URL`) ?? '',
        );
        expect(url.pathname).toBe(`/${service}`);
        expect(url.host).toBe(`${cluster.metadata.name}-rw.${namespace}.svc:5432`);
      }
    },
  );

  it('Neo4j with APOC, and Redis with one endpoint and no eviction (Helm values)', async () => {
    const { parse } = await import('yaml');
    const neo4j = parse(readFileSync(join(k8sRoot, 'dependencies/neo4j-values.yaml'), 'utf8'));
    expect(JSON.parse(neo4j.env.NEO4J_PLUGINS)).toContain('apoc');
    expect(neo4j.config['dbms.security.procedures.unrestricted']).toContain('apoc.*');
    const deps = dependencies('prod');
    expect(new URL(deps.NEO4J_URI ?? '').host).toBe(`${neo4j.neo4j.name}.flock-data.svc:7687`);
    const redis = parse(readFileSync(join(k8sRoot, 'dependencies/redis-values.yaml'), 'utf8'));
    expect(redis.architecture).toBe('standalone');
    expect(redis.commonConfiguration).toMatch(/maxmemory-policy noeviction/);
    expect(new URL(example.get('flock-redis')?.get('REDIS_URL') ?? '').host).toBe(
      'flock-redis-master.flock-data.svc:6379',
    );
  });
});

/** Each check finds the fault it is for in a copy of the prod overlay broken on purpose. */
describe('a broken manifest fails', () => {
  const prod = () => structuredClone(rendered.get('prod') ?? []);
  const find = (objects: K8sObject[], kind: string, name: string) => {
    const object = objects.find((o) => o.kind === kind && o.metadata.name === name);
    if (!object) throw new Error(`no ${kind}/${name}`);
    return object;
  };
  const container = (objects: K8sObject[], name: string) =>
    find(objects, 'Deployment', name).spec.template.spec.containers[0];
  const dropEnv = (objects: K8sObject[], name: string, variable: string) => {
    const c = container(objects, name);
    c.env = c.env.filter((e: { name: string }) => e.name !== variable);
    return objects;
  };

  it('an unknown kind, or a field of the wrong type', () => {
    const objects = prod();
    find(objects, 'Service', 'posts').kind = 'Servise';
    container(objects, 'feed').ports[0].containerPort = '4004';
    expect(schemaProblems(objects).sort()).toEqual([
      expect.stringMatching(/^Deployment\/feed: .*containerPort must be integer/),
      'Servise/posts: unknown kind v1 Servise',
    ]);
  });

  it('a variable production requires, or one whose default is the local stack, left out', () => {
    const objects = dropEnv(prod(), 'identity', 'JWT_PRIVATE_KEY_FILE');
    dropEnv(objects, 'gateway', 'HOST');
    dropEnv(objects, 'feed-worker', 'REDIS_URL_FILE');
    expect(envProblems(objects, services, infos, example)).toEqual(
      expect.arrayContaining([
        'identity: JWT_PRIVATE_KEY is required in production but not set',
        "gateway: HOST is not set (its default is the local dev stack's)",
        "feed-worker: REDIS_URL is not set (its default is the local dev stack's)",
      ]),
    );
  });

  it('a value the service refuses, a loopback address, a variable nobody reads, a missing key', () => {
    const objects = prod();
    container(objects, 'posts').env.push({ name: 'POSTS_TIMEOUT', value: '5' });
    container(objects, 'network').env.find((e: { name: string }) => e.name === 'HOST').value =
      '127.0.0.1';
    const ref = container(objects, 'mailer').env.find(
      (e: { name: string }) => e.name === 'MAIL_FROM',
    );
    ref.valueFrom.configMapKeyRef.key = 'MAIL_SENDER';
    find(
      objects,
      'Deployment',
      'identity',
    ).spec.template.spec.volumes[0].projected.sources[0].secret.items[0].key = 'DATABASE';
    container(objects, 'gateway').env.push({ name: 'MAX_BODY_BYTES', value: 'lots' });
    const problems = envProblems(objects, services, infos, example);
    expect(problems).toEqual(
      expect.arrayContaining([
        'posts: sets POSTS_TIMEOUT, which it never reads',
        'network: HOST is "127.0.0.1", a loopback address',
        expect.stringMatching(
          /^mailer: MAIL_FROM refers to ConfigMap flock-config-\w+ key MAIL_SENDER/,
        ),
        'identity: DATABASE_URL_FILE: no Secret key flock-postgres/DATABASE',
        expect.stringMatching(/^gateway: Invalid configuration:\n {2}- MAX_BODY_BYTES/),
      ]),
    );
  });

  it('a probe on another path or port, a Service targeting another port', () => {
    const objects = prod();
    container(objects, 'posts').readinessProbe.httpGet.path = '/ready';
    container(objects, 'feed').livenessProbe.httpGet.port = 8080;
    container(objects, 'network').ports[0].containerPort = 8002;
    find(objects, 'Service', 'identity').spec.ports[0].targetPort = 4010;
    expect(probeProblems(objects, example)).toEqual(
      expect.arrayContaining([
        'posts: readinessProbe asks /ready, not /readyz',
        'feed: livenessProbe port 8080 is not PORT 4004',
        'network: PORT 4002 is no containerPort',
        'identity: Service/identity targets 4010, not PORT 4001',
      ]),
    );
  });

  it('a pod that may escalate, writes its root filesystem, has no limits or budget', () => {
    const objects = prod();
    const gateway = container(objects, 'gateway');
    gateway.securityContext.allowPrivilegeEscalation = true;
    gateway.securityContext.readOnlyRootFilesystem = false;
    delete gateway.resources.limits;
    gateway.image = 'ghcr.io/your-org/flock-gateway:latest';
    find(objects, 'Job', 'migrate').spec.template.spec.securityContext.runAsNonRoot = false;
    const budgets = objects.filter(
      (o) => !(o.kind === 'PodDisruptionBudget' && o.metadata.name === 'feed'),
    );
    expect(hardeningProblems(budgets)).toEqual(
      expect.arrayContaining([
        'gateway/gateway: allowPrivilegeEscalation is not false',
        'gateway/gateway: readOnlyRootFilesystem is not true',
        'gateway/gateway: no cpu limit',
        'gateway/gateway: image ghcr.io/your-org/flock-gateway:latest has no pinned tag',
        'migrate: pod runAsNonRoot is not true',
        'feed: no PodDisruptionBudget',
      ]),
    );
  });

  it('more feed workers than partitions, a subgraph without an autoscaler', () => {
    const partitions = partitionsOf.get('prod') ?? 0;
    const objects = prod().filter(
      (o) => !(o.kind === 'HorizontalPodAutoscaler' && o.metadata.name === 'posts'),
    );
    find(objects, 'HorizontalPodAutoscaler', 'feed-worker').spec.maxReplicas = partitions + 1;
    find(objects, 'Deployment', 'mailer').spec.replicas = partitions * 2;
    expect(scalingProblems(objects, subgraphs, consumers, partitions)).toEqual([
      'posts: no HorizontalPodAutoscaler',
      `feed-worker: up to ${partitions + 1} consumers for ${partitions} partitions (the rest idle)`,
      `mailer: up to ${partitions * 2} consumers for ${partitions} partitions (the rest idle)`,
    ]);
  });

  it('an Ingress to a subgraph, or of another class', () => {
    const objects = prod();
    const ingress = find(objects, 'Ingress', 'flock');
    ingress.spec.rules[0].http.paths.push({
      path: '/identity',
      pathType: 'Prefix',
      backend: { service: { name: 'identity', port: { number: 4001 } } },
    });
    ingress.spec.ingressClassName = 'traefik';
    expect(ingressProblems(objects)).toEqual([
      'Ingress/flock: ingressClassName is traefik, not nginx',
      'Ingress/flock: routes to identity, not the gateway',
    ]);
  });

  it('a subgraph without its NetworkPolicy, or one that lets a worker or everyone in', () => {
    const objects = prod().filter(
      (o) => !(o.kind === 'NetworkPolicy' && ['posts', 'default-deny'].includes(o.metadata.name)),
    );
    find(objects, 'NetworkPolicy', 'network').spec.ingress[0].from.push({
      podSelector: { matchLabels: { 'app.kubernetes.io/name': 'feed-worker' } },
    });
    find(objects, 'NetworkPolicy', 'feed').spec.ingress.push({ ports: [{ port: 4004 }] });
    expect(networkPolicyProblems(objects, subgraphs, example).sort()).toEqual([
      'NetworkPolicy/feed -> feed: lets everyone in',
      'NetworkPolicy/network -> network: lets in feed-worker',
      'no default-deny NetworkPolicy (every pod, ingress and egress)',
      'posts: no NetworkPolicy of its own',
      'posts: the gateway may not reach it on 4003',
    ]);
  });

  it('a stale supergraph, a subgraph URL that is not its Service', () => {
    const objects = prod();
    const configMap = objects.find(
      (o) => o.kind === 'ConfigMap' && o.metadata.name.startsWith('flock-supergraph-'),
    );
    if (!configMap) throw new Error('no supergraph ConfigMap');
    configMap.data['supergraph.graphql'] = supergraph.replace('type Post', 'type Article');
    container(objects, 'gateway').env.find((e: { name: string }) => e.name === 'POSTS_URL').value =
      'http://feed:4004/graphql';
    expect(supergraphProblems(objects, supergraph, example)).toEqual([
      expect.stringMatching(/^ConfigMap flock-supergraph-\w+ is not schema\/supergraph.graphql/),
      'gateway: POSTS_URL=http://feed:4004/graphql is not the Service of posts',
    ]);
  });

  it('a committed Secret, a Secret key nobody declared, a real value in the example', () => {
    const objects = prod();
    objects.push({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'flock-redis' }, data: {} });
    find(objects, 'Deployment', 'mailer').spec.template.spec.volumes[0].projected.sources.push({
      secret: { name: 'flock-sms', items: [{ key: 'SMS_TOKEN', path: 'SMS_TOKEN' }] },
    });
    const leaky = secretsExample('# secret: flock-redis\nREDIS_URL=redis://:hunter2@redis:6379\n');
    expect(secretProblems(objects, example)).toEqual([
      'Secret/flock-redis is committed: secrets are created apart',
      'mailer: volume secrets uses Secret flock-sms, not in secrets.example.env',
    ]);
    expect(secretProblems([], leaky)).toEqual([
      'secrets.example.env flock-redis/REDIS_URL looks like a real value: a placeholder only',
    ]);
  });

  // Once infra/jobs/bin exists: the Jobs' own env models are checked like the services'.
  it.runIf(services.some((s) => s.kind === 'Job'))(
    'a Job without a variable it needs, fewer partitions than feed workers',
    async () => {
      const objects = prod();
      const migrate = find(objects, 'Job', 'migrate').spec.template.spec.containers[0];
      migrate.env = migrate.env.filter((e: { name: string }) => e.name !== 'NEO4J_URI');
      const deps = objects.find(
        (o) => o.kind === 'ConfigMap' && o.metadata.name.startsWith('flock-dependencies-'),
      ) as K8sObject;
      deps.data.KAFKA_TOPIC_PARTITIONS = '3';
      expect(envProblems(objects, services, infos, example)).toEqual([
        "migrate: NEO4J_URI is not set (its default is the local dev stack's)",
        'migrate: NEO4J_URI is "bolt://127.0.0.1:7687", a loopback address',
      ]);
      const partitions = await topicPartitions(objects);
      expect(partitions).toBe(3);
      expect(scalingProblems(objects, subgraphs, consumers, partitions)).toEqual([
        'feed-worker: up to 6 consumers for 3 partitions (the rest idle)',
      ]);
    },
  );

  it('a CRD object missing what the Operator requires', () => {
    const objects = prod();
    const monitor = find(objects, 'PodMonitor', 'flock');
    monitor.spec.podMetricsEndpoints[0].interval = 'often';
    const rule = find(objects, 'PrometheusRule', 'flock-alerts');
    delete rule.spec.groups[0].rules[0].expr;
    expect(schemaProblems(objects)).toEqual([
      'PodMonitor/flock: spec.podMetricsEndpoints[0].interval is not a duration',
      'PrometheusRule/flock-alerts: FlockConsumerLagGrowing: expr must be a non-empty string',
    ]);
  });

  it('a service not scraped, a scrape the NetworkPolicies stop, stale dashboard or alerts, traces always on', () => {
    const objects = prod();
    const feed = find(objects, 'Deployment', 'feed').spec.template;
    feed.metadata.annotations['prometheus.io/port'] = '9090';
    find(objects, 'PodMonitor', 'flock').spec.podMetricsEndpoints[0].path = '/stats';
    const metrics = find(objects, 'NetworkPolicy', 'metrics');
    metrics.spec.ingress[0].ports = [{ protocol: 'TCP', port: 9090 }];
    const dashboard = objects.find(
      (o) => o.kind === 'ConfigMap' && o.metadata.labels?.grafana_dashboard === '1',
    ) as K8sObject;
    dashboard.data['flock-dashboard.json'] = '{}';
    find(objects, 'PrometheusRule', 'flock-alerts').spec.groups[0].rules[0].for = '1m';
    const endpoint = container(objects, 'posts').env.find(
      (e: { name: string }) => e.name === 'OTEL_EXPORTER_ZIPKIN_ENDPOINT',
    );
    delete endpoint.valueFrom.configMapKeyRef.optional;
    const problems = observabilityProblems(objects, observability, example);
    expect(problems).toEqual(
      expect.arrayContaining([
        'feed: pod annotation prometheus.io/port is 9090, not 4004',
        'gateway: no PodMonitor scrapes /metrics on its http port',
        'gateway: no NetworkPolicy lets Prometheus (namespace monitoring) reach port 4000',
        'posts: OTEL_EXPORTER_ZIPKIN_ENDPOINT is not optional (traces are off until configured)',
        'ConfigMap/flock-grafana-dashboard is not deploy/observability/grafana/flock-dashboard.json: run node deploy/k8s/sync-observability.mjs',
        'PrometheusRule/flock-alerts is not deploy/observability/prometheus/flock-alerts.yaml: run node deploy/k8s/sync-observability.mjs',
      ]),
    );
    // Every service, not only the gateway, loses its scrape.
    expect(
      problems.filter((p) => p.endsWith('no PodMonitor scrapes /metrics on its http port')),
    ).toHaveLength(8);
  });

  it('a scrape rule that lets another namespace reach a subgraph on every port', () => {
    const objects = prod();
    delete find(objects, 'NetworkPolicy', 'metrics').spec.ingress[0].ports;
    expect(networkPolicyProblems(objects, subgraphs, example)).toEqual(
      expect.arrayContaining(['NetworkPolicy/metrics -> posts: lets in other namespaces']),
    );
    expect(networkPolicyProblems(prod(), subgraphs, example)).toEqual([]);
  });

  it('no migration Job', () => {
    const objects = prod().filter((o) => !(o.kind === 'Job' && o.metadata.name === 'migrate'));
    expect(jobProblems(objects, ['dist/jobs/migrate.js'])).toEqual([
      'no Job runs dist/jobs/migrate.js',
    ]);
  });
});
