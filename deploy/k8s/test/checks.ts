/**
 * What the Kubernetes manifests must satisfy, as functions over rendered objects that return
 * the problems they find (none: the manifests are right). The acceptance test runs them on
 * every overlay, and on broken copies to show that each one catches what it is for.
 *
 * Everything a check compares against is read from the code, not copied: the services and
 * their env loaders from each `src/bin/*.ts` (`runService('<name>', loadXEnv, ...)`), the
 * variables each reads from its zod model (captured where `loadEnv` is called), the
 * subgraphs from the supergraph, the partition count from `ensureTopics`, the health routes
 * from @flock/service, the Postgres-owning services from `prisma/`.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { parse, parseAllDocuments } from 'yaml';

export const k8sRoot = join(import.meta.dirname, '..');
export const repoRoot = join(k8sRoot, '..', '..');

export type K8sObject = {
  apiVersion: string;
  kind: string;
  metadata: any;
  spec?: any;
  [k: string]: any;
};

/** `kubectl kustomize <dir>`: the objects an apply would send. */
export function render(dir: string): K8sObject[] {
  let out: string;
  try {
    out = execFileSync('kubectl', ['kustomize', dir], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (error) {
    const { code, stderr } = error as NodeJS.ErrnoException & { stderr?: string };
    if (code === 'ENOENT')
      throw new Error('kubectl (with its built-in kustomize) is not installed');
    throw new Error(`kubectl kustomize ${relative(repoRoot, dir)} failed:\n${stderr ?? error}`);
  }
  return parseAllDocuments(out)
    .map((doc) => doc.toJS() as K8sObject)
    .filter(Boolean);
}

/** Every folder under overlays/ (a new overlay is checked without editing the test). */
export function overlayDirs(): string[] {
  const root = join(k8sRoot, 'overlays');
  return readdirSync(root, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(root, e.name, 'kustomization.yaml')))
    .map((e) => join(root, e.name));
}

// ---------------------------------------------------------------------------------------
// Schemas: every object is constructed with its kubernetes-models class and validated.

const require = createRequire(import.meta.url);

export function schemaProblems(objects: K8sObject[]): string[] {
  const problems: string[] = [];
  for (const object of objects) {
    const what = `${object.kind}/${object.metadata?.name}`;
    const custom = customResources[`${object.apiVersion} ${object.kind}`];
    if (custom) {
      problems.push(...custom(object).map((problem) => `${what}: ${problem}`));
      continue;
    }
    let model: (new (data: unknown) => { validate(): void }) | undefined;
    try {
      model = require(`kubernetes-models/${object.apiVersion}`)[object.kind];
    } catch {
      model = undefined;
    }
    if (!model) {
      problems.push(`${what}: unknown kind ${object.apiVersion} ${object.kind}`);
      continue;
    }
    try {
      new model(object).validate();
    } catch (error) {
      problems.push(`${what}: ${(error as Error).message}`);
    }
  }
  return problems;
}

/**
 * The Prometheus Operator's kinds (kubernetes-models has no classes for them): the fields
 * its CRDs require, with their types, and what the Operator would reject.
 */
const customResources: Record<string, (object: K8sObject) => string[]> = {
  'monitoring.coreos.com/v1 PodMonitor': (object) => {
    const problems: string[] = [];
    const spec = object.spec ?? {};
    if (!spec.selector || typeof spec.selector !== 'object')
      problems.push('spec.selector is required');
    const endpoints = spec.podMetricsEndpoints;
    if (!Array.isArray(endpoints) || endpoints.length === 0)
      problems.push('spec.podMetricsEndpoints must be a non-empty array');
    for (const [index, endpoint] of (Array.isArray(endpoints) ? endpoints : []).entries()) {
      const where = `spec.podMetricsEndpoints[${index}]`;
      if (typeof endpoint.port !== 'string' && endpoint.portNumber === undefined)
        problems.push(`${where}: port (a container port's name) is required`);
      if (endpoint.path !== undefined && !String(endpoint.path).startsWith('/'))
        problems.push(`${where}.path must start with /`);
      for (const key of ['interval', 'scrapeTimeout']) {
        if (endpoint[key] !== undefined && !/^(\d+(ms|s|m|h))+$/.test(String(endpoint[key])))
          problems.push(`${where}.${key} is not a duration`);
      }
    }
    return problems;
  },
  'monitoring.coreos.com/v1 PrometheusRule': (object) => {
    const problems: string[] = [];
    const groups = object.spec?.groups;
    if (!Array.isArray(groups) || groups.length === 0)
      return ['spec.groups must be a non-empty array'];
    const names = new Set<string>();
    for (const group of groups) {
      if (typeof group.name !== 'string' || !group.name) problems.push('a group has no name');
      if (names.has(group.name)) problems.push(`group ${group.name} twice`);
      names.add(group.name);
      if (!Array.isArray(group.rules)) problems.push(`group ${group.name}: rules must be an array`);
      for (const rule of group.rules ?? []) {
        const name = rule.alert ?? rule.record;
        if ((rule.alert === undefined) === (rule.record === undefined))
          problems.push(`group ${group.name}: a rule needs exactly one of alert and record`);
        if (typeof rule.expr !== 'string' || !rule.expr.trim())
          problems.push(`${name}: expr must be a non-empty string`);
        if (rule.for !== undefined && !/^(\d+(ms|s|m|h|d|w|y))+$/.test(String(rule.for)))
          problems.push(`${name}: for is not a duration`);
        for (const field of ['labels', 'annotations']) {
          for (const [key, value] of Object.entries(rule[field] ?? {})) {
            if (typeof value !== 'string')
              problems.push(`${name}: ${field}.${key} is not a string`);
          }
        }
      }
    }
    return problems;
  },
};

// ---------------------------------------------------------------------------------------
// What the code says.

export interface ServiceEntry {
  /** The name given to runService() or runMain(): the Deployment's or the Job's name. */
  name: string;
  /** A service runs as a Deployment; a one-shot command (infra/jobs/bin) as a Job. */
  kind: 'Deployment' | 'Job';
  /** Its workspace folder (gateway, subgraphs/feed, ..., infra/jobs). */
  dir: string;
  /** Its entry under bin/ (server.ts, worker.ts, migrate.ts). */
  bin: string;
  envModule: string;
  loader: string;
}

/**
 * Every process `runService()` starts, from the services' src/bin/*.ts, and every one-shot
 * command of infra/jobs/bin/*.ts (`runMain('<name>', ...)` loading its env with `loadXEnv`).
 */
export function discoverServices(): ServiceEntry[] {
  const dirs = [
    'gateway',
    ...['subgraphs', 'workers'].flatMap((group) =>
      readdirSync(join(repoRoot, group), { withFileTypes: true })
        .filter((e) => e.isDirectory())
        .map((e) => `${group}/${e.name}`),
    ),
  ];
  const services: ServiceEntry[] = [];
  const binDirs = [
    ...dirs.map((dir) => ({
      dir,
      binDir: join(repoRoot, dir, 'src', 'bin'),
      kind: 'Deployment' as const,
    })),
    { dir: 'infra/jobs', binDir: join(repoRoot, 'infra', 'jobs', 'bin'), kind: 'Job' as const },
  ];
  for (const { dir, binDir, kind } of binDirs) {
    if (!existsSync(binDir)) continue;
    for (const bin of readdirSync(binDir).filter((f) => f.endsWith('.ts'))) {
      const text = readFileSync(join(binDir, bin), 'utf8');
      const call =
        kind === 'Deployment'
          ? /runService\(\s*'([^']+)',\s*(\w+)/.exec(text)
          : /runMain\(\s*'([^']+)'[\s\S]*?=\s*(\w+)\(process\.env\)/.exec(text);
      if (!call) continue; // a command run by hand (feed's rebuild.ts), not a service
      const [, name = '', loader = ''] = call;
      const from = new RegExp(
        `import\\s*\\{[^}]*\\b${loader}\\b[^}]*\\}\\s*from\\s*'([^']+)'`,
      ).exec(text)?.[1];
      if (!from) throw new Error(`${binDir}/${bin}: where does ${loader} come from?`);
      services.push({
        name,
        kind,
        dir,
        bin,
        loader,
        envModule: join(binDir, from.endsWith('.ts') ? from : `${from}.ts`),
      });
    }
  }
  return services.sort((a, b) => a.name.localeCompare(b.name));
}

/** The subgraphs of the committed supergraph: name → routing URL. */
export function supergraphSubgraphs(sdl: string): Map<string, string> {
  const graphs = new Map<string, string>();
  for (const m of sdl.matchAll(/@join__graph\(name: "([^"]+)", url: "([^"]+)"\)/g)) {
    graphs.set(m[1] ?? '', m[2] ?? '');
  }
  return graphs;
}

/** Services that own a Postgres database: prisma/<service>/schema.prisma. */
export function postgresServices(): string[] {
  const root = join(repoRoot, 'prisma');
  return readdirSync(root, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(root, e.name, 'schema.prisma')))
    .map((e) => e.name)
    .sort();
}

/** The paths @flock/service's HTTP server answers for health (every service is built on it). */
export function healthRoutes(): { ready: string; live: string } {
  const source = readFileSync(join(repoRoot, 'packages/service/src/http-server.ts'), 'utf8');
  const routes = [...source.matchAll(/path === '(\/[a-z]+)'/g)].map((m) => m[1]);
  if (!routes.includes('/readyz') || !routes.includes('/healthz')) {
    throw new Error(`@flock/service answers ${routes.join(', ')}, not /readyz and /healthz`);
  }
  return { ready: '/readyz', live: '/healthz' };
}

/** Names read straight from process.env outside the env models (none today but the tests'). */
export function directEnvReads(dir: string): string[] {
  const names = new Set<string>();
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) {
        if (!/^(generated|__generated__|node_modules)$/.test(entry.name)) walk(path);
      } else if (entry.name.endsWith('.ts')) {
        for (const m of readFileSync(path, 'utf8').matchAll(
          /process\.env(?:\.([A-Z][A-Z0-9_]*)|\[['"]([A-Z][A-Z0-9_]*)['"]\])/g,
        )) {
          names.add(m[1] ?? m[2] ?? '');
        }
      }
    }
  };
  walk(existsSync(join(repoRoot, dir, 'src')) ? join(repoRoot, dir, 'src') : join(repoRoot, dir));
  return [...names];
}

/**
 * The OpenTelemetry variables every service reads through @flock/telemetry (the SDK's
 * standard names, read outside the services' zod models): those its sources name.
 */
export function telemetryVariables(): string[] {
  const dir = join(repoRoot, 'packages', 'telemetry', 'src');
  if (!existsSync(dir)) return [];
  const names = new Set<string>();
  for (const file of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    if (!file.endsWith('.ts')) continue;
    for (const m of readFileSync(join(dir, file), 'utf8').matchAll(/\b(OTEL_[A-Z0-9_]+)\b/g))
      names.add(m[1] ?? '');
  }
  return [...names];
}

// ---------------------------------------------------------------------------------------
// Each service's configuration, as its zod model says.

/** A loopback host in a value: an address that only works on the developer's machine. */
const loopback = /(^|["/@\s,])(localhost|127\.\d+\.\d+\.\d+|\[::1\])(?=$|["/:\s,>])/;

/**
 * Addresses a browser opens (a link in an email, a page's origin), not the pod: loopback there
 * is the developer's own machine, which the dev overlay means.
 */
const browserFacing = new Set([
  'VERIFY_EMAIL_URL',
  'RESET_PASSWORD_URL',
  'CONFIRM_EMAIL_URL',
  'CORS_ORIGINS',
]);

export interface EnvInfo {
  /** Every variable the model reads. */
  keys: Set<string>;
  /** Variables production refuses to start without. */
  required: string[];
  /** Variables whose default is the local development stack (an address on loopback). */
  localDefaults: string[];
  /** The service's own loader (loadXEnv): throws the EnvError naming every bad variable. */
  load: (source: Record<string, string>) => any;
}

function objectShape(schema: any): Record<string, any> {
  let current = schema;
  for (let depth = 0; current && depth < 10; depth++) {
    if (current.shape) return current.shape;
    current = current.def?.in ?? current.def?.innerType ?? current.def?.schema;
  }
  throw new Error('the env model is not a zod object');
}

/**
 * What production needs from a service's environment: its model (captured by `capture`,
 * which the test wires to @flock/env's loadEnv) parsed with NODE_ENV=production alone says
 * which variables are required, and each variable's own default says whether it only suits
 * the local stack.
 */
export async function envInfo(service: ServiceEntry, capture: () => any): Promise<EnvInfo> {
  const module = await import(service.envModule);
  const load = module[service.loader];
  if (typeof load !== 'function') throw new Error(`${service.envModule} has no ${service.loader}`);
  try {
    load({ NODE_ENV: 'production' });
  } catch {
    // Expected for services with production-only requirements: the model was captured.
  }
  const schema = capture();
  if (!schema) throw new Error(`${service.loader} did not call loadEnv`);
  const shape = objectShape(schema);
  const parsed = schema.safeParse({ NODE_ENV: 'production' });
  const required = parsed.success
    ? []
    : [
        ...new Set<string>(
          parsed.error.issues.map((issue: any) => String(issue.path[0] ?? '')).filter(Boolean),
        ),
      ];
  const localDefaults = Object.entries(shape)
    .filter(([, field]) => {
      const result = field.safeParse(undefined);
      return (
        result.success && result.data !== undefined && loopback.test(JSON.stringify(result.data))
      );
    })
    .map(([key]) => key);
  return { keys: new Set(Object.keys(shape)), required, localDefaults, load };
}

// ---------------------------------------------------------------------------------------
// Secrets: never committed; every one referenced is declared in secrets.example.env.

/** secrets.example.env: `# secret: <name>` starts each Secret's keys. */
export function secretsExample(
  text = readFileSync(join(k8sRoot, 'secrets.example.env'), 'utf8'),
): Map<string, Map<string, string>> {
  const secrets = new Map<string, Map<string, string>>();
  let current: Map<string, string> | undefined;
  for (const line of text.split('\n')) {
    const header = /^#\s*secret:\s*([a-z0-9-]+)/.exec(line);
    if (header) {
      current = new Map();
      secrets.set(header[1] ?? '', current);
      continue;
    }
    const pair = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
    if (pair) {
      if (!current) throw new Error(`secrets.example.env: ${pair[1]} before any "# secret:"`);
      current.set(pair[1] ?? '', pair[2] ?? '');
    }
  }
  return secrets;
}

type PodSpec = any;

interface Workload {
  kind: string;
  name: string;
  labels: Record<string, string>;
  pod: PodSpec;
}

export function workloads(objects: K8sObject[]): Workload[] {
  return objects
    .filter((o) => ['Deployment', 'Job', 'StatefulSet', 'DaemonSet'].includes(o.kind))
    .map((o) => ({
      kind: o.kind,
      name: o.metadata.name,
      labels: o.spec?.template?.metadata?.labels ?? {},
      pod: o.spec?.template?.spec ?? {},
    }));
}

/** Where each secret reference of a pod points: Secret name and key. */
function secretRefs(pod: PodSpec): { secret: string; key: string; where: string }[] {
  const refs: { secret: string; key: string; where: string }[] = [];
  for (const volume of pod.volumes ?? []) {
    const sources = [
      ...(volume.secret ? [{ name: volume.secret.secretName, items: volume.secret.items }] : []),
      ...(volume.projected?.sources ?? []).filter((s: any) => s.secret).map((s: any) => s.secret),
    ];
    for (const source of sources) {
      if (!source.items)
        refs.push({ secret: source.name, key: '*', where: `volume ${volume.name}` });
      for (const item of source.items ?? [])
        refs.push({ secret: source.name, key: item.key, where: `volume ${volume.name}` });
    }
  }
  for (const container of [...(pod.containers ?? []), ...(pod.initContainers ?? [])]) {
    for (const env of container.env ?? []) {
      const ref = env.valueFrom?.secretKeyRef;
      if (ref) refs.push({ secret: ref.name, key: ref.key, where: `env ${env.name}` });
    }
    for (const from of container.envFrom ?? []) {
      if (from.secretRef) refs.push({ secret: from.secretRef.name, key: '*', where: 'envFrom' });
    }
  }
  return refs;
}

export function secretProblems(
  objects: K8sObject[],
  example: Map<string, Map<string, string>>,
): string[] {
  const problems: string[] = [];
  for (const object of objects) {
    if (object.kind === 'Secret') {
      problems.push(`Secret/${object.metadata.name} is committed: secrets are created apart`);
    }
    if (object.kind === 'ConfigMap') {
      for (const [key, value] of Object.entries(object.data ?? {})) {
        if (/^[a-z]+:\/\/[^/@\s]*:[^/@\s]+@/i.test(String(value)))
          problems.push(`ConfigMap/${object.metadata.name} ${key} holds a password in a URL`);
      }
    }
  }
  for (const workload of workloads(objects)) {
    for (const ref of secretRefs(workload.pod)) {
      const keys = example.get(ref.secret);
      if (!keys) {
        problems.push(
          `${workload.name}: ${ref.where} uses Secret ${ref.secret}, not in secrets.example.env`,
        );
      } else if (ref.key === '*') {
        problems.push(`${workload.name}: ${ref.where} takes all of ${ref.secret}: name its keys`);
      } else if (!keys.has(ref.key)) {
        problems.push(
          `${workload.name}: ${ref.where} uses ${ref.secret}/${ref.key}, not in secrets.example.env`,
        );
      }
    }
  }
  for (const [secret, keys] of example) {
    for (const [key, value] of keys) {
      if (value !== '[]' && !/CHANGE_ME|REPLACE/.test(value))
        problems.push(
          `secrets.example.env ${secret}/${key} looks like a real value: a placeholder only`,
        );
    }
  }
  return problems;
}

// ---------------------------------------------------------------------------------------
// Environment: what each Deployment gives its container, resolved as the kubelet would.

export interface ResolvedEnv {
  /** Variable → value, with `<NAME>_FILE` read from the mounted Secret (its example value). */
  values: Record<string, string>;
  /** Variables given as `<NAME>_FILE`. */
  fromFiles: Set<string>;
  problems: string[];
}

export function resolveEnv(
  objects: K8sObject[],
  workload: { name: string; pod: PodSpec },
  example: Map<string, Map<string, string>>,
  containerIndex = 0,
): ResolvedEnv {
  const container = workload.pod.containers?.[containerIndex] ?? {};
  const configMaps = new Map(
    objects.filter((o) => o.kind === 'ConfigMap').map((o) => [o.metadata.name, o.data ?? {}]),
  );
  const values: Record<string, string> = {};
  const fromFiles = new Set<string>();
  const problems: string[] = [];
  const where = `${workload.name}`;
  const secretValue = (secret: string, key: string, what: string): string | undefined => {
    const value = example.get(secret)?.get(key);
    if (value === undefined) problems.push(`${where}: ${what}: no Secret key ${secret}/${key}`);
    return value;
  };
  for (const from of container.envFrom ?? []) {
    if (from.configMapRef) {
      const data = configMaps.get(from.configMapRef.name);
      if (!data) problems.push(`${where}: envFrom ConfigMap ${from.configMapRef.name} is missing`);
      Object.assign(values, data ?? {});
    }
    if (from.secretRef) {
      for (const [key, value] of example.get(from.secretRef.name) ?? []) values[key] = value;
    }
  }
  for (const env of container.env ?? []) {
    if (env.value !== undefined) values[env.name] = String(env.value);
    else if (env.valueFrom?.configMapKeyRef) {
      const { name, key, optional } = env.valueFrom.configMapKeyRef;
      const data = configMaps.get(name);
      // An optional key that is absent leaves the variable unset, as the kubelet does.
      if (optional === true && (!data || !(key in data))) continue;
      if (!data || !(key in data)) {
        problems.push(
          `${where}: ${env.name} refers to ConfigMap ${name} key ${key}, which is missing`,
        );
      } else values[env.name] = String(data[key]);
    } else if (env.valueFrom?.secretKeyRef) {
      const { name, key } = env.valueFrom.secretKeyRef;
      const value = secretValue(name, key, env.name);
      if (value !== undefined) values[env.name] = value;
    } else {
      problems.push(`${where}: ${env.name} has no value this test understands`);
    }
  }
  // <NAME>_FILE: the path must be a key of a Secret mounted read-only at that place.
  for (const [name, path] of Object.entries({ ...values })) {
    if (!name.endsWith('_FILE')) continue;
    const target = name.slice(0, -'_FILE'.length);
    const mount = (container.volumeMounts ?? []).find((m: any) =>
      path.startsWith(`${m.mountPath}/`),
    );
    const volume = mount && (workload.pod.volumes ?? []).find((v: any) => v.name === mount.name);
    if (!mount || !volume) {
      problems.push(`${where}: ${name}=${path} is not on a mounted volume`);
      continue;
    }
    if (!mount.readOnly) problems.push(`${where}: the secrets at ${mount.mountPath} are writable`);
    const file = relative(mount.mountPath, path);
    const sources = [
      ...(volume.secret ? [{ name: volume.secret.secretName, items: volume.secret.items }] : []),
      ...(volume.projected?.sources ?? []).filter((s: any) => s.secret).map((s: any) => s.secret),
    ];
    let found: { secret: string; key: string } | undefined;
    for (const source of sources) {
      const item = (source.items ?? []).find((i: any) => i.path === file);
      if (item) found = { secret: source.name, key: item.key };
      else if (!source.items && example.get(source.name)?.has(file))
        found = { secret: source.name, key: file };
    }
    if (!found) {
      problems.push(`${where}: ${name}=${path} is no key of a Secret mounted there`);
      continue;
    }
    const value = secretValue(found.secret, found.key, name);
    if (value !== undefined) {
      delete values[name];
      if (target in values) problems.push(`${where}: both ${target} and ${name} are set`);
      values[target] = value;
      fromFiles.add(target);
    }
  }
  return { values, fromFiles, problems };
}

/**
 * The environment as the container sees it: each variable given as `<NAME>_FILE` points at a
 * file holding its (example) value, so the service's loader reads it the way it will in the pod.
 */
export function withMounted<T>(env: ResolvedEnv, load: (source: Record<string, string>) => T): T {
  const source = { ...env.values };
  const folder = mkdtempSync(join(tmpdir(), 'flock-secrets-'));
  for (const name of env.fromFiles) {
    const path = join(folder, name);
    writeFileSync(path, `${source[name]}\n`, { mode: 0o600 });
    delete source[name];
    source[`${name}_FILE`] = path;
  }
  try {
    return load(source);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** Every variable production needs is set, nothing set is unknown, and the service's own loader accepts it. */
export function envProblems(
  objects: K8sObject[],
  services: ServiceEntry[],
  infos: Map<string, EnvInfo>,
  example: Map<string, Map<string, string>>,
): string[] {
  const problems: string[] = [];
  const byName = new Map(workloads(objects).map((w) => [`${w.kind}/${w.name}`, w]));
  for (const service of services) {
    const deployment = byName.get(`${service.kind}/${service.name}`);
    const info = infos.get(service.name);
    if (!deployment || !info) {
      problems.push(`${service.name}: no ${service.kind}`);
      continue;
    }
    const env = resolveEnv(objects, deployment, example);
    problems.push(...env.problems);
    const set = (key: string) => env.values[key] !== undefined && env.values[key] !== '';
    if (env.values.NODE_ENV !== 'production')
      problems.push(
        `${service.name}: NODE_ENV is ${env.values.NODE_ENV ?? 'unset'}, not production`,
      );
    for (const key of info.required) {
      if (!set(key)) problems.push(`${service.name}: ${key} is required in production but not set`);
    }
    // A Job serves nothing: where it would listen (serviceModel's HOST) is moot.
    const listens = (key: string) => service.kind === 'Job' && key === 'HOST';
    for (const key of info.localDefaults) {
      if (!set(key) && !listens(key))
        problems.push(`${service.name}: ${key} is not set (its default is the local dev stack's)`);
    }
    const known = new Set([...info.keys, ...directEnvReads(service.dir), ...telemetryVariables()]);
    for (const key of Object.keys(env.values)) {
      if (!known.has(key)) problems.push(`${service.name}: sets ${key}, which it never reads`);
    }
    let loaded: Record<string, unknown> | undefined;
    try {
      loaded = withMounted(env, info.load);
    } catch (error) {
      problems.push(`${service.name}: ${(error as Error).message}`);
    }
    if (loaded) {
      for (const key of info.keys) {
        const value = loaded[key];
        if (
          value !== undefined &&
          !browserFacing.has(key) &&
          !listens(key) &&
          loopback.test(JSON.stringify(value))
        )
          problems.push(`${service.name}: ${key} is ${JSON.stringify(value)}, a loopback address`);
      }
    }
  }
  const names = new Set(services.map((s) => `${s.kind}/${s.name}`));
  const jobsKnown = services.some((s) => s.kind === 'Job');
  for (const [name, workload] of byName) {
    if (workload.kind === 'Job' && !jobsKnown) continue; // no infra/jobs/bin to compare with
    if (!names.has(name)) problems.push(`${name} runs nothing of the code`);
  }
  return problems;
}

// ---------------------------------------------------------------------------------------
// Probes, ports, Services.

function containerPort(container: PodSpec, port: number | string): number | undefined {
  if (typeof port === 'number') return port;
  return (container.ports ?? []).find((p: any) => p.name === port)?.containerPort;
}

function matches(selector: Record<string, string> | undefined, labels: Record<string, string>) {
  return Object.entries(selector ?? {}).every(([k, v]) => labels[k] === v);
}

export function probeProblems(
  objects: K8sObject[],
  example: Map<string, Map<string, string>>,
): string[] {
  const problems: string[] = [];
  const routes = healthRoutes();
  const services = objects.filter((o) => o.kind === 'Service');
  for (const workload of workloads(objects).filter((w) => w.kind === 'Deployment')) {
    const name = workload.name;
    const container = workload.pod.containers?.[0] ?? {};
    const env = resolveEnv(objects, workload, example);
    const port = Number(env.values.PORT);
    if (!Number.isInteger(port) || port <= 0) {
      problems.push(`${name}: PORT is not set to a port`);
      continue;
    }
    if (!(container.ports ?? []).some((p: any) => p.containerPort === port))
      problems.push(`${name}: PORT ${port} is no containerPort`);
    for (const [probe, path] of [
      ['readinessProbe', routes.ready],
      ['livenessProbe', routes.live],
    ] as const) {
      const get = container[probe]?.httpGet;
      if (!get) {
        problems.push(`${name}: no ${probe} over HTTP`);
        continue;
      }
      if (get.path !== path) problems.push(`${name}: ${probe} asks ${get.path}, not ${path}`);
      if (containerPort(container, get.port) !== port)
        problems.push(`${name}: ${probe} port ${get.port} is not PORT ${port}`);
    }
    const startup = container.startupProbe?.httpGet;
    if (
      startup &&
      (containerPort(container, startup.port) !== port || startup.path !== routes.live)
    )
      problems.push(`${name}: startupProbe is not ${routes.live} on PORT ${port}`);
    const service = services.find(
      (s) => matches(s.spec?.selector, workload.labels) && s.spec?.selector,
    );
    if (!service) problems.push(`${name}: no Service selects its pods`);
    else {
      for (const servicePort of service.spec.ports ?? []) {
        if (containerPort(container, servicePort.targetPort ?? servicePort.port) !== port)
          problems.push(
            `${name}: Service/${service.metadata.name} targets ${servicePort.targetPort}, not PORT ${port}`,
          );
      }
      if (service.spec.type && service.spec.type !== 'ClusterIP')
        problems.push(
          `Service/${service.metadata.name} is ${service.spec.type}: only the Ingress exposes`,
        );
    }
  }
  return problems;
}

// ---------------------------------------------------------------------------------------
// Resources, security, disruption budgets.

export function hardeningProblems(objects: K8sObject[]): string[] {
  const problems: string[] = [];
  const budgets = objects.filter((o) => o.kind === 'PodDisruptionBudget');
  for (const workload of workloads(objects)) {
    const { name, pod } = workload;
    const podContext = pod.securityContext ?? {};
    if (podContext.runAsNonRoot !== true) problems.push(`${name}: pod runAsNonRoot is not true`);
    if (pod.automountServiceAccountToken !== false)
      problems.push(`${name}: mounts a service account token`);
    for (const container of [...(pod.containers ?? []), ...(pod.initContainers ?? [])]) {
      const where = `${name}/${container.name}`;
      const context = container.securityContext ?? {};
      if (context.allowPrivilegeEscalation !== false)
        problems.push(`${where}: allowPrivilegeEscalation is not false`);
      if (context.readOnlyRootFilesystem !== true)
        problems.push(`${where}: readOnlyRootFilesystem is not true`);
      if (context.privileged === true) problems.push(`${where}: privileged`);
      if (context.runAsNonRoot === false || (context.runAsUser ?? podContext.runAsUser) === 0)
        problems.push(`${where}: may run as root`);
      if (!(context.capabilities?.drop ?? []).includes('ALL'))
        problems.push(`${where}: does not drop ALL capabilities`);
      if ((context.capabilities?.add ?? []).length > 0)
        problems.push(`${where}: adds capabilities`);
      const seccomp = context.seccompProfile?.type ?? podContext.seccompProfile?.type;
      if (seccomp !== 'RuntimeDefault') problems.push(`${where}: seccomp is not RuntimeDefault`);
      for (const kind of ['requests', 'limits'] as const) {
        for (const resource of ['cpu', 'memory']) {
          if (!container.resources?.[kind]?.[resource])
            problems.push(`${where}: no ${resource} ${kind.slice(0, -1)}`);
        }
      }
      const image = String(container.image ?? '');
      const tag = /:([^/:@]+)$/.exec(image)?.[1];
      if (!image.includes('@') && (!tag || tag === 'latest'))
        problems.push(`${where}: image ${image} has no pinned tag`);
    }
    if (
      workload.kind === 'Deployment' &&
      !budgets.some(
        (b) =>
          matches(b.spec?.selector?.matchLabels, workload.labels) && b.spec?.selector?.matchLabels,
      )
    )
      problems.push(`${name}: no PodDisruptionBudget`);
  }
  return problems;
}

// ---------------------------------------------------------------------------------------
// Scaling: an autoscaler for the gateway and each subgraph; Kafka consumers within the
// partitions.

export function scalingProblems(
  objects: K8sObject[],
  subgraphs: string[],
  consumers: string[],
  partitions: number,
): string[] {
  const problems: string[] = [];
  const autoscalers = objects.filter((o) => o.kind === 'HorizontalPodAutoscaler');
  const deployments = objects.filter((o) => o.kind === 'Deployment');
  const hpaOf = (name: string) =>
    autoscalers.find(
      (h) => h.spec?.scaleTargetRef?.kind === 'Deployment' && h.spec.scaleTargetRef.name === name,
    );
  for (const name of ['gateway', ...subgraphs]) {
    const hpa = hpaOf(name);
    if (!hpa) problems.push(`${name}: no HorizontalPodAutoscaler`);
    else if (!deployments.some((d) => d.metadata.name === name))
      problems.push(`HorizontalPodAutoscaler/${hpa.metadata.name} scales a missing Deployment`);
  }
  for (const hpa of autoscalers) {
    const { minReplicas = 1, maxReplicas } = hpa.spec ?? {};
    if (!(minReplicas <= maxReplicas))
      problems.push(
        `HorizontalPodAutoscaler/${hpa.metadata.name}: min ${minReplicas} > max ${maxReplicas}`,
      );
    if (!deployments.some((d) => d.metadata.name === hpa.spec?.scaleTargetRef?.name))
      problems.push(`HorizontalPodAutoscaler/${hpa.metadata.name} scales a missing Deployment`);
  }
  for (const deployment of deployments) {
    if (hpaOf(deployment.metadata.name) && deployment.spec?.replicas !== undefined)
      problems.push(`${deployment.metadata.name}: replicas is set although an autoscaler owns it`);
  }
  for (const name of consumers) {
    const deployment = deployments.find((d) => d.metadata.name === name);
    if (!deployment) {
      problems.push(`${name}: no Deployment`);
      continue;
    }
    const hpa = hpaOf(name);
    const most = hpa ? hpa.spec.maxReplicas : (deployment.spec?.replicas ?? 1);
    if (most > partitions)
      problems.push(
        `${name}: up to ${most} consumers for ${partitions} partitions (the rest idle)`,
      );
  }
  return problems;
}

// ---------------------------------------------------------------------------------------
// Exposure: the Ingress reaches the gateway only.

export function ingressProblems(objects: K8sObject[]): string[] {
  const problems: string[] = [];
  const ingresses = objects.filter((o) => o.kind === 'Ingress');
  if (ingresses.length === 0) problems.push('no Ingress');
  for (const ingress of ingresses) {
    const what = `Ingress/${ingress.metadata.name}`;
    if (ingress.spec?.ingressClassName !== 'nginx')
      problems.push(`${what}: ingressClassName is ${ingress.spec?.ingressClassName}, not nginx`);
    const backends = [
      ...(ingress.spec?.defaultBackend ? [ingress.spec.defaultBackend] : []),
      ...(ingress.spec?.rules ?? []).flatMap((r: any) =>
        (r.http?.paths ?? []).map((p: any) => p.backend),
      ),
    ];
    if (backends.length === 0) problems.push(`${what}: routes nowhere`);
    for (const backend of backends) {
      if (backend?.service?.name !== 'gateway')
        problems.push(
          `${what}: routes to ${backend?.service?.name ?? 'a resource'}, not the gateway`,
        );
    }
  }
  return problems;
}

// ---------------------------------------------------------------------------------------
// NetworkPolicies: only the gateway reaches the subgraphs (and, for identity, the services
// whose configuration names it: its JWKS and account lookup).

export function networkPolicyProblems(
  objects: K8sObject[],
  subgraphs: string[],
  example: Map<string, Map<string, string>>,
): string[] {
  const problems: string[] = [];
  const policies = objects.filter((o) => o.kind === 'NetworkPolicy');
  const pods = workloads(objects);
  const types = (p: K8sObject): string[] =>
    p.spec?.policyTypes ?? ['Ingress', ...(p.spec?.egress ? ['Egress'] : [])];
  const defaultDeny = policies.find(
    (p) =>
      Object.keys(p.spec?.podSelector ?? {}).length === 0 &&
      types(p).includes('Ingress') &&
      types(p).includes('Egress') &&
      !(p.spec?.ingress ?? []).length &&
      !(p.spec?.egress ?? []).length,
  );
  if (!defaultDeny) problems.push('no default-deny NetworkPolicy (every pod, ingress and egress)');
  const selects = (policy: K8sObject, labels: Record<string, string>) => {
    const selector = policy.spec?.podSelector ?? {};
    if (selector.matchExpressions)
      problems.push(`NetworkPolicy/${policy.metadata.name}: matchExpressions are not checked`);
    return matches(selector.matchLabels, labels);
  };
  const services = objects.filter((o) => o.kind === 'Service');
  for (const subgraph of subgraphs) {
    const target = pods.find((p) => p.kind === 'Deployment' && p.name === subgraph);
    if (!target) {
      problems.push(`${subgraph}: no Deployment`);
      continue;
    }
    const port = Number(resolveEnv(objects, target, example).values.PORT);
    // Who may call it: the gateway, and whoever's configuration names its Service.
    const serviceNames = services
      .filter((s) => s.spec?.selector && matches(s.spec.selector, target.labels))
      .map((s) => s.metadata.name as string);
    const mayCall = (caller: Workload) =>
      caller.name === 'gateway' ||
      Object.values(resolveEnv(objects, caller, example).values).some((value) =>
        serviceNames.some((host) => new RegExp(`^[a-z]+://${host}(\\.|:|/|$)`).test(value)),
      );
    const isolating = policies.filter(
      (p) => types(p).includes('Ingress') && selects(p, target.labels),
    );
    // Its own: one that selects its pods and no other workload's (not `metrics`, which
    // selects every Flock pod).
    const own = isolating.filter(
      (p) =>
        Object.keys(p.spec?.podSelector?.matchLabels ?? {}).length > 0 &&
        pods.every(
          (other) => other === target || !matches(p.spec.podSelector.matchLabels, other.labels),
        ),
    );
    if (own.length === 0) problems.push(`${subgraph}: no NetworkPolicy of its own`);
    let gatewayAllowed = false;
    for (const policy of isolating) {
      for (const rule of policy.spec?.ingress ?? []) {
        const where = `NetworkPolicy/${policy.metadata.name} -> ${subgraph}`;
        const ports = (rule.ports ?? []).map((p: any) => p.port);
        if (!rule.from || rule.from.length === 0) {
          problems.push(`${where}: lets everyone in`);
          continue;
        }
        for (const peer of rule.from) {
          // Prometheus scraping /metrics (on the same port: that is what it may reach).
          if (
            isMetricsScraper(peer) &&
            ports.length > 0 &&
            ports.every((p: unknown) => p === 'http' || p === port)
          )
            continue;
          if (peer.ipBlock || peer.namespaceSelector) {
            problems.push(`${where}: lets in ${peer.ipBlock ? 'an IP block' : 'other namespaces'}`);
            continue;
          }
          const labels = peer.podSelector?.matchLabels ?? {};
          if (Object.keys(labels).length === 0 && !peer.podSelector?.matchExpressions) {
            problems.push(`${where}: lets in every pod of the namespace`);
            continue;
          }
          for (const caller of pods.filter((p) => matches(labels, p.labels))) {
            if (!mayCall(caller)) problems.push(`${where}: lets in ${caller.name}`);
            if (caller.name === 'gateway' && (ports.length === 0 || ports.includes(port)))
              gatewayAllowed = true;
          }
        }
      }
    }
    if (!gatewayAllowed) problems.push(`${subgraph}: the gateway may not reach it on ${port}`);
    // The gateway's own egress lets it out to the subgraph.
    const gateway = pods.find((p) => p.name === 'gateway');
    const out = policies.filter(
      (p) => gateway && types(p).includes('Egress') && selects(p, gateway.labels),
    );
    const reaches = out.some((p) =>
      (p.spec?.egress ?? []).some((rule: any) => {
        const ports = (rule.ports ?? []).map((x: any) => x.port);
        const portOk = ports.length === 0 || ports.includes(port);
        const peerOk =
          !rule.to ||
          rule.to.some(
            (peer: any) => peer.podSelector && matches(peer.podSelector.matchLabels, target.labels),
          );
        return portOk && peerOk;
      }),
    );
    if (gateway && !reaches)
      problems.push(`gateway: its egress does not reach ${subgraph}:${port}`);
  }
  return problems;
}

// ---------------------------------------------------------------------------------------
// Monitoring: every service scraped on its http port (PodMonitor, annotations, a
// NetworkPolicy that lets Prometheus in), traces exported only when configured, the
// dashboard and the alerts the same as deploy/observability's.

/** Where Prometheus runs: the namespace and the label of its pods (kube-prometheus-stack's). */
export const monitoringNamespace = 'monitoring';

/** A NetworkPolicy peer that is the monitoring namespace's Prometheus, and nothing wider. */
export function isMetricsScraper(peer: any): boolean {
  const namespace = peer?.namespaceSelector?.matchLabels ?? {};
  const pods = peer?.podSelector?.matchLabels ?? {};
  return (
    !peer?.ipBlock &&
    namespace['kubernetes.io/metadata.name'] === monitoringNamespace &&
    Object.keys(namespace).length === 1 &&
    pods['app.kubernetes.io/name'] === 'prometheus'
  );
}

/** The files under deploy/observability the cluster must carry as they are. */
export interface ObservabilitySources {
  /** grafana/flock-dashboard.json, as text. */
  dashboard: string;
  /** prometheus/flock-alerts.yaml, as text. */
  rules: string;
}

export function observabilitySources(): ObservabilitySources {
  const dir = join(repoRoot, 'deploy', 'observability');
  return {
    dashboard: readFileSync(join(dir, 'grafana', 'flock-dashboard.json'), 'utf8'),
    rules: readFileSync(join(dir, 'prometheus', 'flock-alerts.yaml'), 'utf8'),
  };
}

const tracingVariables = ['OTEL_EXPORTER_ZIPKIN_ENDPOINT', 'OTEL_TRACES_SAMPLER_ARG'];

export function observabilityProblems(
  objects: K8sObject[],
  sources: ObservabilitySources,
  example: Map<string, Map<string, string>>,
): string[] {
  const problems: string[] = [];
  const monitors = objects.filter(
    (o) => o.apiVersion === 'monitoring.coreos.com/v1' && o.kind === 'PodMonitor',
  );
  const policies = objects.filter((o) => o.kind === 'NetworkPolicy');
  const sync = 'run node deploy/k8s/sync-observability.mjs';
  for (const object of objects.filter((o) => o.kind === 'Deployment')) {
    const name = object.metadata.name;
    const template = object.spec?.template ?? {};
    const labels: Record<string, string> = template.metadata?.labels ?? {};
    const container = template.spec?.containers?.[0] ?? {};
    const port = Number(
      resolveEnv(objects, { name, pod: template.spec ?? {} }, example).values.PORT,
    );
    const http = (container.ports ?? []).find((p: any) => p.name === 'http');
    if (!http || http.containerPort !== port) {
      problems.push(`${name}: no container port named http on PORT ${port} (where /metrics is)`);
      continue;
    }
    // Prometheus without the Operator: the pod annotations.
    const annotations = template.metadata?.annotations ?? {};
    const expected = {
      'prometheus.io/scrape': 'true',
      'prometheus.io/port': String(port),
      'prometheus.io/path': '/metrics',
    };
    for (const [key, value] of Object.entries(expected)) {
      if (annotations[key] !== value)
        problems.push(`${name}: pod annotation ${key} is ${annotations[key]}, not ${value}`);
    }
    // With the Operator: a PodMonitor that selects the pod and scrapes its http port.
    const scraped = monitors.some(
      (m) =>
        Object.keys(m.spec?.selector?.matchLabels ?? {}).length > 0 &&
        !m.spec?.selector?.matchExpressions &&
        matches(m.spec.selector.matchLabels, labels) &&
        (m.spec.podMetricsEndpoints ?? []).some(
          (e: any) =>
            (e.port === 'http' || e.portNumber === port) && (e.path ?? '/metrics') === '/metrics',
        ),
    );
    if (!scraped) problems.push(`${name}: no PodMonitor scrapes /metrics on its http port`);
    // The NetworkPolicies let Prometheus in, on that port only.
    const reachable = policies.some(
      (p) =>
        (p.spec?.policyTypes ?? ['Ingress']).includes('Ingress') &&
        matches(p.spec?.podSelector?.matchLabels, labels) &&
        (p.spec?.ingress ?? []).some(
          (rule: any) =>
            (rule.from ?? []).some(isMetricsScraper) &&
            (rule.ports ?? []).some((x: any) => x.port === 'http' || x.port === port),
        ),
    );
    if (!reachable)
      problems.push(
        `${name}: no NetworkPolicy lets Prometheus (namespace ${monitoringNamespace}) reach port ${port}`,
      );
    // Traces: the endpoint and sampler from flock-config, optional (unset: nothing exported).
    for (const variable of tracingVariables) {
      const env = (container.env ?? []).find((e: any) => e.name === variable);
      const ref = env?.valueFrom?.configMapKeyRef;
      if (!ref || !String(ref.name).startsWith('flock-config') || ref.key !== variable)
        problems.push(`${name}: ${variable} is not taken from flock-config`);
      else if (ref.optional !== true)
        problems.push(`${name}: ${variable} is not optional (traces are off until configured)`);
    }
  }
  // The dashboard, for Grafana's sidecar.
  const dashboards = objects.filter(
    (o) => o.kind === 'ConfigMap' && o.metadata?.labels?.grafana_dashboard === '1',
  );
  if (dashboards.length === 0) problems.push('no ConfigMap labelled grafana_dashboard: "1"');
  for (const configMap of dashboards) {
    const files = Object.entries(configMap.data ?? {}).filter(([key]) => key.endsWith('.json'));
    if (files.length !== 1 || files[0]?.[1] !== sources.dashboard)
      problems.push(
        `ConfigMap/${configMap.metadata.name} is not deploy/observability/grafana/flock-dashboard.json: ${sync}`,
      );
  }
  // The alerts, as the Operator's PrometheusRule.
  const rules = objects.filter(
    (o) => o.apiVersion === 'monitoring.coreos.com/v1' && o.kind === 'PrometheusRule',
  );
  if (rules.length !== 1) problems.push(`${rules.length} PrometheusRules, not 1`);
  const groups = (parse(sources.rules) as { groups: unknown }).groups;
  for (const rule of rules) {
    if (!isDeepStrictEqual(rule.spec?.groups, groups))
      problems.push(
        `PrometheusRule/${rule.metadata.name} is not deploy/observability/prometheus/flock-alerts.yaml: ${sync}`,
      );
  }
  return problems;
}

// ---------------------------------------------------------------------------------------
// The supergraph ConfigMap and the gateway's subgraph URLs.

export function supergraphProblems(
  objects: K8sObject[],
  supergraph: string,
  example: Map<string, Map<string, string>>,
): string[] {
  const problems: string[] = [];
  const gateway = workloads(objects).find((w) => w.kind === 'Deployment' && w.name === 'gateway');
  if (!gateway) return ['gateway: no Deployment'];
  const env = resolveEnv(objects, gateway, example).values;
  const path = env.SUPERGRAPH_PATH;
  if (!path) return ['gateway: SUPERGRAPH_PATH is not set'];
  const container = gateway.pod.containers?.[0] ?? {};
  const mount = (container.volumeMounts ?? []).find((m: any) => m.mountPath === dirname(path));
  const volume = mount && (gateway.pod.volumes ?? []).find((v: any) => v.name === mount.name);
  const configMap =
    volume?.configMap &&
    objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name === volume.configMap.name);
  if (!configMap) return [`gateway: no ConfigMap mounted at ${dirname(path)}`];
  const file = path.slice(dirname(path).length + 1);
  const key = volume.configMap.items
    ? volume.configMap.items.find((i: any) => i.path === file)?.key
    : file;
  const content = key ? configMap.data?.[key] : undefined;
  if (content === undefined)
    problems.push(`gateway: ${path} is not a key of ConfigMap ${configMap.metadata.name}`);
  else if (content !== supergraph)
    problems.push(
      `ConfigMap ${configMap.metadata.name} is not schema/supergraph.graphql: run node deploy/k8s/sync-supergraph.mjs`,
    );
  // Each subgraph's routing URL is the local stack's; the gateway is told its Service's.
  const services = objects.filter((o) => o.kind === 'Service');
  for (const name of supergraphSubgraphs(supergraph).keys()) {
    const variable = `${name.toUpperCase()}_URL`;
    const url = env[variable];
    if (!url) {
      problems.push(
        `gateway: ${variable} is not set (the supergraph routes ${name} to the local stack)`,
      );
      continue;
    }
    const parsed = new URL(url);
    const service = services.find((s) => s.metadata.name === parsed.hostname.split('.')[0]);
    const target = workloads(objects).find((w) => w.kind === 'Deployment' && w.name === name);
    if (
      !service ||
      !target ||
      !matches(service.spec?.selector, target.labels) ||
      !service.spec?.selector
    )
      problems.push(`gateway: ${variable}=${url} is not the Service of ${name}`);
    else if (!(service.spec.ports ?? []).some((p: any) => String(p.port) === (parsed.port || '80')))
      problems.push(
        `gateway: ${variable}=${url}: Service/${service.metadata.name} has no port ${parsed.port}`,
      );
    if (parsed.pathname !== '/graphql')
      problems.push(`gateway: ${variable}=${url} is not /graphql`);
  }
  return problems;
}

// ---------------------------------------------------------------------------------------
// One-shot jobs.

export function jobProblems(objects: K8sObject[], commands: string[]): string[] {
  const problems: string[] = [];
  const jobs = objects.filter((o) => o.kind === 'Job');
  for (const command of commands) {
    const job = jobs.find((j) =>
      (j.spec?.template?.spec?.containers ?? []).some((c: any) =>
        [...(c.command ?? []), ...(c.args ?? [])].join(' ').includes(command),
      ),
    );
    if (!job) problems.push(`no Job runs ${command}`);
    else if (!['OnFailure', 'Never'].includes(job.spec.template.spec.restartPolicy))
      problems.push(
        `Job/${job.metadata.name}: restartPolicy ${job.spec.template.spec.restartPolicy}`,
      );
  }
  return problems;
}

/** A YAML file of the repository, parsed. */
export function readYaml(path: string): unknown {
  return parse(readFileSync(join(repoRoot, path), 'utf8'));
}
