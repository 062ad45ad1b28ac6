/**
 * The values of the samples of metric `name` whose labels include `labels`, read from a
 * Prometheus text exposition (a service's /metrics), whatever the labels' order.
 */
export function metricSamples(
  text: string,
  name: string,
  labels: Record<string, string> = {},
): number[] {
  const values: number[] = [];
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const found = Object.fromEntries(
      [...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]),
    );
    if (Object.entries(labels).every(([k, v]) => found[k] === v)) values.push(Number(match[3]));
  }
  return values;
}

/** The sum of the matching samples; NaN when there is none (which no assertion accepts). */
export function metricValue(
  text: string,
  name: string,
  labels: Record<string, string> = {},
): number {
  const values = metricSamples(text, name, labels);
  return values.length === 0 ? Number.NaN : values.reduce((a, b) => a + b, 0);
}
