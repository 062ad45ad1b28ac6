import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generatePrivateJwk } from '@flock/auth';
import type { ServiceName } from '@flock/env';
import { loadFeedEnv } from '@flock/feed/env';
import { loadGatewayEnv } from '@flock/gateway/env';
import { loadIdentityEnv } from '@flock/identity/env';
import { loadMailerEnv } from '@flock/mailer/env';
import { loadNetworkEnv, loadNetworkWorkerEnv } from '@flock/network/env';
import { loadPostsEnv } from '@flock/posts/env';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { repoRoot, serviceEntries } from '../build/production-form';
import { loadMigrateEnv } from '../jobs/migrate';
import { loadCreateTopicsEnv } from '../jobs/topics';

/** The pages of an app in a browser (email links): loopback there is the user's machine. */
const browserPages = new Set(['VERIFY_EMAIL_URL', 'RESET_PASSWORD_URL', 'CONFIRM_EMAIL_URL']);

/**
 * docker-compose.yml and the Dockerfile, checked without a Docker engine: the structure
 * compose relies on, and every app service's environment parsed by that service's own env
 * model as production would.
 */
interface ComposeService {
  profiles?: string[];
  build?: { context: string; target: string };
  image?: string;
  command?: string[];
  environment?: Record<string, string | number>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: unknown;
  ports?: string[];
  volumes?: string[];
}

const compose = parse(readFileSync(join(repoRoot, 'docker-compose.yml'), 'utf8'), {
  merge: true,
}) as { services: Record<string, ComposeService>; volumes: Record<string, unknown> };
const services = compose.services;
const infrastructure = ['postgres', 'redis', 'kafka', 'neo4j', 'mail', 'zipkin'];
const jobs = ['keys', 'migrate', 'create-topics'];
const app = Object.keys(services).filter((name) => services[name]?.profiles?.includes('app'));
const longRunning = app.filter((name) => !jobs.includes(name));

/** The Dockerfile's stages: name → its instructions (continuation lines joined). */
function dockerfileStages(): Map<string, string[]> {
  const text = readFileSync(join(repoRoot, 'Dockerfile'), 'utf8').replace(/\\\n\s*/g, ' ');
  const stages = new Map<string, string[]>();
  let current: string[] | undefined;
  for (const line of text.split('\n')) {
    const from = /^FROM\s+(\S+)\s+AS\s+(\S+)/i.exec(line);
    if (from?.[2]) {
      current = [`FROM ${from[1]}`];
      stages.set(from[2], current);
    } else if (current && line.trim() && !line.startsWith('#')) current.push(line.trim());
  }
  return stages;
}
const stages = dockerfileStages();

/** An instruction of a stage, or of the stage it is built FROM. */
function instruction(stage: string, keyword: string): string | undefined {
  const lines = stages.get(stage) ?? [];
  const own = lines.filter((line) => line.startsWith(`${keyword} `)).pop();
  if (own) return own;
  const parent = lines[0]?.split(' ')[1];
  return parent && stages.has(parent) ? instruction(parent, keyword) : undefined;
}

const imageTargets = [...stages.keys()].filter(
  (name) => !['manifests', 'build', 'runtime'].includes(name),
);

describe('the Dockerfile', () => {
  it('has a target per service and one for the jobs', () => {
    expect(imageTargets.sort()).toEqual([...Object.keys(serviceEntries), 'jobs'].sort());
  });

  it("starts each service's bundle from the build, as a non-root user, with a health check", () => {
    for (const [name, { workspace, entry }] of Object.entries(serviceEntries)) {
      expect(instruction(name, 'CMD'), name).toBe(`CMD ["node", "${workspace}/dist/${entry}.js"]`);
      expect(instruction(name, 'USER'), name).toBe('USER 1000:1000');
      expect(instruction(name, 'HEALTHCHECK'), name).toContain('/healthz');
      expect(instruction(name, 'ENV'), name).toMatch(/^ENV PORT=\d+$/);
    }
    expect(instruction('jobs', 'HEALTHCHECK')).toBe('HEALTHCHECK NONE');
  });

  it('takes its base images as build arguments, the public Node 20 images by default', () => {
    const text = readFileSync(join(repoRoot, 'Dockerfile'), 'utf8');
    expect(text).toMatch(/^ARG BASE_IMAGE=node:20-bookworm-slim$/m);
    expect(text).toMatch(/^ARG BUILD_IMAGE=node:20-bookworm$/m);
    for (const [name, lines] of stages) {
      const from = lines[0]?.split(' ')[1] ?? '';
      // Only the build stage has the toolchain image: nothing of it reaches a runtime image.
      const base = `\${${name === 'build' ? 'BUILD_IMAGE' : 'BASE_IMAGE'}}`;
      expect(from === base || stages.has(from), name).toBe(true);
    }
  });
});

describe('docker-compose.yml', () => {
  it('starts only the infrastructure without a profile, every Flock part behind "app"', () => {
    const plain = Object.keys(services).filter((name) => !services[name]?.profiles);
    expect(plain.sort()).toEqual([...infrastructure].sort());
    expect(app.sort()).toEqual([...jobs, ...Object.keys(serviceEntries)].sort());
  });

  it('builds every app service from a target of the Dockerfile', () => {
    for (const name of app) {
      const build = services[name]?.build;
      expect(build?.context, name).toBe('.');
      expect(imageTargets, name).toContain(build?.target);
    }
    for (const name of Object.keys(serviceEntries))
      expect(services[name]?.build?.target).toBe(name);
  });

  it('depends on services that exist, healthy only where there is a health check', () => {
    for (const name of app) {
      for (const [dependency, { condition }] of Object.entries(services[name]?.depends_on ?? {})) {
        const target = services[dependency];
        expect(target, `${name} → ${dependency}`).toBeDefined();
        if (condition === 'service_healthy') {
          const imageCheck = target?.build && instruction(target.build.target, 'HEALTHCHECK');
          const checked = target?.healthcheck ?? (imageCheck && imageCheck !== 'HEALTHCHECK NONE');
          expect(checked, `${name} waits for ${dependency} to be healthy`).toBeTruthy();
        }
        if (condition === 'service_completed_successfully')
          expect(jobs, `${name} → ${dependency}`).toContain(dependency);
      }
    }
  });

  it('starts every service after the jobs, and after the infrastructure it uses', () => {
    const dependenciesOf = (name: string): Set<string> => {
      const direct = Object.keys(services[name]?.depends_on ?? {});
      return new Set([
        ...direct,
        ...direct.flatMap((dependency) => [...dependenciesOf(dependency)]),
      ]);
    };
    for (const name of longRunning) {
      const dependencies = dependenciesOf(name);
      expect([...dependencies], name).toEqual(expect.arrayContaining(['migrate', 'create-topics']));
      expect(
        infrastructure.some((component) => dependencies.has(component)),
        name,
      ).toBe(true);
    }
    expect(services.migrate?.depends_on).toMatchObject({
      postgres: { condition: 'service_healthy' },
      neo4j: { condition: 'service_healthy' },
    });
    expect(services['create-topics']?.depends_on).toMatchObject({
      kafka: { condition: 'service_healthy' },
    });
  });

  it('publishes only the gateway to this machine', () => {
    expect(app.filter((name) => services[name]?.ports)).toEqual(['gateway']);
  });
});

describe("each app service's environment in docker-compose.yml", () => {
  const loaders: Record<ServiceName | 'migrate' | 'create-topics', (env: Env) => object> = {
    gateway: loadGatewayEnv,
    identity: loadIdentityEnv,
    network: loadNetworkEnv,
    'network-worker': loadNetworkWorkerEnv,
    posts: loadPostsEnv,
    feed: loadFeedEnv,
    'feed-worker': loadFeedEnv,
    mailer: loadMailerEnv,
    migrate: loadMigrateEnv,
    'create-topics': loadCreateTopicsEnv,
  };
  type Env = Record<string, string>;
  const secrets = new Map<string, string>();

  beforeAll(async () => {
    // The `keys` service's files, made here: each secret a file under a temporary directory.
    const dir = mkdtempSync(join(tmpdir(), 'flock-compose-secrets-'));
    const write = (name: string, value: string) => {
      writeFileSync(join(dir, name), `${value}\n`);
      secrets.set(`/run/secrets/flock/${name}`, join(dir, name));
    };
    write('jwt-private-key', JSON.stringify(await generatePrivateJwk()));
    write('email-token-key', randomBytes(32).toString('base64url'));
    write('refresh-token-key', randomBytes(32).toString('base64url'));
  });

  /** The environment a container of `name` gets: its image's ENV, then compose's. */
  function containerEnv(name: string): Env {
    const service = services[name];
    const target = service?.build?.target ?? '';
    const image: Env = { NODE_ENV: 'production', HOST: '0.0.0.0' };
    const port = instruction(target, 'ENV')?.match(/^ENV PORT=(\d+)$/)?.[1];
    if (port) image.PORT = port;
    const own = Object.fromEntries(
      Object.entries(service?.environment ?? {}).map(([key, value]) => [key, String(value)]),
    );
    for (const [key, value] of Object.entries(own)) {
      if (!key.endsWith('_FILE')) continue;
      const file = secrets.get(value);
      expect(
        file,
        `${name}: ${key}=${value} is one of the files the keys service makes`,
      ).toBeDefined();
      own[key] = file as string;
    }
    return { ...image, ...own };
  }

  it('is a valid production configuration of that service, parsed by its own model', () => {
    for (const name of Object.keys(loaders) as (keyof typeof loaders)[]) {
      const env = containerEnv(name);
      expect(env.NODE_ENV, name).toBe('production');
      expect(() => loaders[name](env), name).not.toThrow();
    }
  });

  it('points every address at the compose network, never at a default on 127.0.0.1', () => {
    for (const name of Object.keys(loaders) as (keyof typeof loaders)[]) {
      const parsed = loaders[name](containerEnv(name)) as Record<string, unknown>;
      const addresses = Object.entries(parsed).filter(([key]) =>
        /(_URL|_URI|BROKERS|^databaseUrl)$/.test(key),
      );
      for (const [key, value] of addresses) {
        // Unset overrides; the page of an app in a browser.
        if (value === undefined || browserPages.has(key)) continue;
        expect(JSON.stringify(value), `${name}: ${key}`).not.toMatch(/127\.0\.0\.1|localhost/);
      }
    }
  });

  it('gives every app service the secrets volume that the keys service fills', () => {
    for (const name of longRunning)
      expect(services[name]?.volumes, name).toContain('secrets:/run/secrets/flock:ro');
    expect(services.keys?.volumes).toEqual(['secrets:/run/secrets/flock']);
    const made = String(services.keys?.command);
    for (const path of secrets.keys()) expect(made).toContain(path.split('/').pop());
  });
});
