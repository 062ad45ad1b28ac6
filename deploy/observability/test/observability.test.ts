/**
 * The dashboard and the alert rules against the metrics contract: the series the services
 * emit (packages/telemetry), by name, type and labels. A panel or a rule that names a series
 * not in it, or a label that series does not have, queries nothing and would show nothing or
 * never fire. When promtool is installed (PATH, or PROMTOOL=<path>), the rules and every
 * panel's query are also parsed by Prometheus itself and the rules' unit tests run.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

type MetricType = 'counter' | 'gauge' | 'histogram';

/** The contract (README, "Observability"): every series also has `service`. */
const contract: Record<string, { type: MetricType; labels: string[] }> = {
  flock_graphql_request_duration_seconds: { type: 'histogram', labels: ['operation', 'outcome'] },
  flock_graphql_errors_total: { type: 'counter', labels: ['code'] },
  flock_gateway_subgraph_fetch_duration_seconds: {
    type: 'histogram',
    labels: ['subgraph', 'outcome'],
  },
  flock_gateway_entity_cache_hits_total: { type: 'counter', labels: ['type'] },
  flock_gateway_entity_cache_misses_total: { type: 'counter', labels: ['type'] },
  flock_gateway_entity_cache_evictions_total: { type: 'counter', labels: ['type', 'reason'] },
  flock_rate_limit_rejections_total: { type: 'counter', labels: ['limit'] },
  flock_kafka_consumer_lag: { type: 'gauge', labels: ['group', 'topic', 'partition'] },
  flock_events_handled_total: { type: 'counter', labels: ['group', 'topic', 'outcome'] },
  flock_events_handle_duration_seconds: { type: 'histogram', labels: ['group', 'topic'] },
  flock_events_dead_lettered_total: { type: 'counter', labels: ['group', 'topic', 'failure'] },
  flock_outbox_backlog_messages: { type: 'gauge', labels: [] },
  flock_outbox_oldest_age_seconds: { type: 'gauge', labels: [] },
  flock_outbox_published_total: { type: 'counter', labels: ['topic'] },
  flock_feed_fanout_deliveries_total: { type: 'counter', labels: [] },
  flock_feed_fanout_duration_seconds: { type: 'histogram', labels: [] },
};

/** prom-client's default metrics the dashboard shows (saturation). */
const runtime: Record<string, { type: MetricType; labels: string[] }> = {
  process_cpu_seconds_total: { type: 'counter', labels: [] },
  process_resident_memory_bytes: { type: 'gauge', labels: [] },
  nodejs_eventloop_lag_p99_seconds: { type: 'gauge', labels: [] },
  nodejs_heap_size_used_bytes: { type: 'gauge', labels: [] },
  nodejs_gc_duration_seconds: { type: 'histogram', labels: ['kind'] },
};

/** Labels every series has: `service` (a default label), and the scrape's own. */
const commonLabels = ['service', 'namespace', 'pod', 'instance', 'job', 'container'];

const dir = join(import.meta.dirname, '..');
const dashboardText = readFileSync(join(dir, 'grafana', 'flock-dashboard.json'), 'utf8');
const dashboard = JSON.parse(dashboardText);
const rulesPath = join(dir, 'prometheus', 'flock-alerts.yaml');
const rules = parse(readFileSync(rulesPath, 'utf8')) as {
  groups: { name: string; rules: Record<string, any>[] }[];
};
const alerts = rules.groups.flatMap((group) => group.rules);

interface Panel {
  id: number;
  type: string;
  title: string;
  gridPos: { h: number; w: number; x: number; y: number };
  datasource?: { type: string; uid: string };
  targets?: { expr: string; datasource?: { uid: string } }[];
  panels?: Panel[];
}
const panels: Panel[] = (dashboard.panels as Panel[]).flatMap((p) => [p, ...(p.panels ?? [])]);
const queries = panels.flatMap((p) =>
  (p.targets ?? []).map((t) => ({ panel: p.title, expr: t.expr })),
);

/** A series name of an expression → the metric of the contract it belongs to, or a problem. */
function metricOf(series: string): { name: string; type: MetricType; labels: string[] } | string {
  const known = { ...contract, ...runtime };
  if (known[series]) return { name: series, ...known[series] };
  const histogram = /^(.*)_(bucket|count|sum)$/.exec(series);
  const base = histogram?.[1] && known[histogram[1]];
  if (histogram?.[1] && base) {
    if (base.type !== 'histogram') return `${series}: ${histogram[1]} is a ${base.type}`;
    const labels = histogram[2] === 'bucket' ? [...base.labels, 'le'] : base.labels;
    return { name: histogram[1], type: base.type, labels };
  }
  return `${series} is not in the metrics contract`;
}

/** Names of series in a PromQL expression (words before `{`, `[`, `)` or the end that look like metrics). */
function seriesIn(expr: string): string[] {
  const names = new Set<string>();
  for (const m of expr.matchAll(/\b((?:flock|process|nodejs)_[a-z0-9_]+)\b/g))
    names.add(m[1] ?? '');
  return [...names];
}

/** Labels an expression groups by, filters on or matches on. */
function labelsIn(expr: string): string[] {
  const labels = new Set<string>();
  for (const m of expr.matchAll(
    /\b(?:by|without|on|ignoring|group_left|group_right)\s*\(([^)]*)\)/g,
  ))
    for (const label of (m[1] ?? '').split(',')) if (label.trim()) labels.add(label.trim());
  for (const m of expr.matchAll(/\{([^}]*)\}/g))
    for (const pair of (m[1] ?? '').matchAll(/([a-z_]+)\s*(?:=~|!~|!=|=)/g))
      labels.add(pair[1] ?? '');
  return [...labels];
}

/** Problems of one expression against the contract. */
function exprProblems(where: string, expr: string): string[] {
  const problems: string[] = [];
  const metrics = seriesIn(expr).map(metricOf);
  const allowed = new Set(commonLabels);
  for (const metric of metrics) {
    if (typeof metric === 'string') problems.push(`${where}: ${metric}`);
    else for (const label of metric.labels) allowed.add(label);
    if (typeof metric !== 'string' && metric.type === 'histogram') allowed.add('le');
  }
  for (const label of labelsIn(expr)) {
    if (!allowed.has(label)) problems.push(`${where}: label ${label} is on none of its series`);
  }
  // rate()/increase() only of counters (a histogram's _bucket/_count/_sum are counters).
  for (const m of expr.matchAll(/\b(?:rate|irate|increase)\(\s*([a-z0-9_]+)/g)) {
    const metric = metricOf(m[1] ?? '');
    if (
      typeof metric !== 'string' &&
      metric.type === 'gauge' &&
      !/_(bucket|count|sum)$/.test(m[1] ?? '')
    )
      problems.push(`${where}: rate of the gauge ${m[1]}`);
  }
  return problems;
}

describe('the Grafana dashboard', () => {
  it('is a Grafana dashboard with a Prometheus data source variable and a service variable', () => {
    expect(dashboard.schemaVersion).toBeGreaterThanOrEqual(36);
    expect(dashboard.uid).toMatch(/^[a-z0-9-]{1,40}$/);
    const variables = Object.fromEntries(
      dashboard.templating.list.map((v: { name: string }) => [v.name, v]),
    );
    expect(variables.datasource).toMatchObject({ type: 'datasource', query: 'prometheus' });
    expect(variables.service).toMatchObject({ type: 'query', includeAll: true, multi: true });
    expect(variables.service.definition).toMatch(/^label_values\(.+,\s*service\)$/);
    for (const panel of panels.filter((p) => p.type !== 'row')) {
      // biome-ignore lint/suspicious/noTemplateCurlyInString: Grafana's variable syntax
      expect(panel.datasource?.uid, panel.title).toBe('${datasource}');
      expect(panel.targets?.length, panel.title).toBeGreaterThan(0);
      for (const target of panel.targets ?? []) {
        expect(target.expr, panel.title).toContain('service=~"$service"');
      }
    }
  });

  it('queries only series of the metrics contract, by labels they have', () => {
    const problems = queries.flatMap(({ panel, expr }) => exprProblems(`panel "${panel}"`, expr));
    expect(problems).toEqual([]);
  });

  it('shows every metric of the contract and the runtime saturation signals', () => {
    const shown = new Set(
      queries.flatMap(({ expr }) =>
        seriesIn(expr)
          .map(metricOf)
          .flatMap((m) => (typeof m === 'string' ? [] : [m.name])),
      ),
    );
    expect(
      [...Object.keys(contract), ...Object.keys(runtime)].filter((m) => !shown.has(m)),
    ).toEqual([]);
    // The golden signals per service, latency as p50, p95 and p99 of the histogram.
    for (const quantile of ['0.5', '0.95', '0.99']) {
      expect(
        queries.some(({ expr }) =>
          expr.includes(
            `histogram_quantile(${quantile}, sum by (service, le) (rate(flock_graphql_request_duration_seconds_bucket`,
          ),
        ),
        `p${Number(quantile) * 100} by service`,
      ).toBe(true);
    }
  });

  it('lays its panels out without overlap, with unique ids', () => {
    const ids = panels.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    const cells = new Set<string>();
    for (const { gridPos, title } of panels) {
      expect(gridPos.x + gridPos.w, title).toBeLessThanOrEqual(24);
      for (let x = gridPos.x; x < gridPos.x + gridPos.w; x++) {
        for (let y = gridPos.y; y < gridPos.y + gridPos.h; y++) {
          const cell = `${x},${y}`;
          expect(cells.has(cell), `${title} overlaps at ${cell}`).toBe(false);
          cells.add(cell);
        }
      }
    }
  });
});

describe('the alert rules', () => {
  it('has the four alerts, each with a severity, a summary and a description', () => {
    expect(alerts.map((rule) => rule.alert).sort()).toEqual([
      'FlockConsumerLagGrowing',
      'FlockEventsDeadLettered',
      'FlockHighErrorRatio',
      'FlockOutboxBacklogOld',
    ]);
    for (const rule of alerts) {
      expect(Object.keys(rule).sort(), rule.alert).toEqual(
        expect.arrayContaining(['alert', 'expr', 'labels', 'annotations']),
      );
      expect(['warning', 'critical'], rule.alert).toContain(rule.labels.severity);
      expect(rule.annotations.summary, rule.alert).toMatch(/\S/);
      expect(rule.annotations.description, rule.alert).toMatch(/\S/);
    }
    const byName = Object.fromEntries(alerts.map((rule) => [rule.alert, rule]));
    expect(byName.FlockConsumerLagGrowing).toMatchObject({ for: '10m' });
    expect(byName.FlockConsumerLagGrowing.expr).toMatch(/> 1000/);
    expect(byName.FlockConsumerLagGrowing.expr).toMatch(/deriv\(/);
    expect(byName.FlockOutboxBacklogOld).toMatchObject({ for: '5m' });
    expect(byName.FlockOutboxBacklogOld.expr).toMatch(/flock_outbox_oldest_age_seconds\) > 60/);
    expect(byName.FlockEventsDeadLettered.expr).toMatch(
      /increase\(flock_events_dead_lettered_total\[15m\]\) > 0/,
    );
    expect(byName.FlockHighErrorRatio).toMatchObject({ for: '5m' });
    expect(byName.FlockHighErrorRatio.expr).toMatch(/> 0\.05/);
  });

  it('queries only series of the metrics contract, by labels they have', () => {
    expect(alerts.flatMap((rule) => exprProblems(rule.alert, rule.expr))).toEqual([]);
  });
});

describe('the contract check itself', () => {
  it('catches a series that does not exist, a label it lacks, a rate of a gauge', () => {
    expect(exprProblems('x', 'sum by (route) (rate(flock_http_requests_total[5m]))')).toEqual([
      'x: flock_http_requests_total is not in the metrics contract',
      'x: label route is on none of its series',
    ]);
    expect(exprProblems('x', 'sum by (user) (flock_kafka_consumer_lag)')).toEqual([
      'x: label user is on none of its series',
    ]);
    expect(exprProblems('x', 'rate(flock_outbox_backlog_messages[5m])')).toEqual([
      'x: rate of the gauge flock_outbox_backlog_messages',
    ]);
    expect(exprProblems('x', 'flock_outbox_published_total_bucket')).toEqual([
      'x: flock_outbox_published_total_bucket: flock_outbox_published_total is a counter',
    ]);
  });
});

// Prometheus's own parser and rule unit tests, when promtool is here.
const promtool = process.env.PROMTOOL ?? 'promtool';
const hasPromtool = (() => {
  try {
    execFileSync(promtool, ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

// On a developer machine without promtool these are a loud skip; in CI (CI set) they run and
// fail saying what is missing, unless .ci/run could not get promtool and said why
// (FLOCK_SKIP_PROMTOOL_TEST).
const promtoolRuns =
  hasPromtool || (Boolean(process.env.CI) && !process.env.FLOCK_SKIP_PROMTOOL_TEST);

describe.skipIf(!promtoolRuns)('promtool', () => {
  it('accepts the rules and passes their unit tests (flock-alerts.test.yaml)', () => {
    execFileSync(promtool, ['check', 'rules', rulesPath], { stdio: 'pipe' });
    execFileSync(promtool, ['test', 'rules', join(dir, 'prometheus', 'flock-alerts.test.yaml')], {
      stdio: 'pipe',
    });
  });

  it("parses every panel's query (Grafana's variables replaced)", () => {
    const folder = mkdtempSync(join(tmpdir(), 'flock-dashboard-'));
    try {
      const file = join(folder, 'queries.yaml');
      const expand = (expr: string) =>
        expr
          .replaceAll('$__rate_interval', '5m')
          .replaceAll('$__range', '1h')
          .replaceAll('$service', '.*')
          .replaceAll('$namespace', '.*');
      const recorded = queries.map((q, i) => ({
        record: `dashboard:query_${i}`,
        expr: expand(q.expr),
      }));
      writeFileSync(file, JSON.stringify({ groups: [{ name: 'dashboard', rules: recorded }] }));
      execFileSync(promtool, ['check', 'rules', file], { stdio: 'pipe' });
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
