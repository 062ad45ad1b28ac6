/**
 * The GitHub workflows against what they must match: ci.yml runs the checks of .ci/run (in
 * its order), release.yml builds and pushes an image for every service target of the
 * Dockerfile and for every image the Kubernetes manifests run.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { k8sRoot, render, repoRoot } from './checks';

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
}
interface Job {
  'runs-on': string;
  permissions?: Record<string, string> | string;
  services?: Record<string, { image: string }>;
  strategy?: { matrix: { include?: Record<string, string>[] } };
  steps: Step[];
}
interface Workflow {
  on: Record<string, unknown>;
  permissions?: Record<string, string> | string;
  jobs: Record<string, Job>;
}

const workflow = (name: string) =>
  parse(readFileSync(join(repoRoot, '.github/workflows', name), 'utf8')) as Workflow;

/**
 * The commands .ci/run runs, each as the words that name it: `npm run <script>`, `npm test`,
 * `node <file> <command>`, `bash <file>` (arguments, redirections and `|| ...` aside).
 */
function ciRunCommands(script: string): string[] {
  const commands: string[] = [];
  let quoted = false; // inside a multi-line '...' argument (the summary's node -e)
  for (const raw of script.split('\n')) {
    const line = raw.trim();
    if (quoted) {
      if (/^'/.test(line)) quoted = false;
      continue;
    }
    if (line.startsWith('#')) continue;
    if (/node -e '$/.test(line) || /node -e '[^']*$/.test(line)) {
      quoted = true;
      continue;
    }
    const match =
      /^(?:if !?\s*)?(npm run [\w:.-]+|npm test|npm ci|npx [\w@/.:-]+|node (?!-)[\w./-]+(?: [a-z][\w:-]*)?|bash [\w./-]+)/.exec(
        line,
      );
    if (match?.[1]) commands.push(match[1]);
  }
  return commands;
}

/**
 * The Dockerfile's deployable targets: the stages that set a command of their own (CMD or
 * ENTRYPOINT); the stages they are built from (manifests, build, runtime) set none.
 */
function serviceTargets(dockerfile: string): string[] {
  const targets: string[] = [];
  let stage: string | undefined;
  // An instruction continued over several lines (a trailing backslash) is one line here.
  for (const line of dockerfile.replace(/\\\r?\n/g, ' ').split('\n')) {
    const from = /^FROM\s+(?:--platform=\S+\s+)?\S+(?:\s+AS\s+(\S+))?/i.exec(line);
    if (from) stage = from[1]?.toLowerCase();
    else if (stage && /^(CMD|ENTRYPOINT)\s/i.test(line) && !targets.includes(stage))
      targets.push(stage);
  }
  return targets;
}

describe('.github/workflows/ci.yml', () => {
  const ci = workflow('ci.yml');
  const job = Object.values(ci.jobs)[0] as Job;
  const runs = job.steps.map((s) => s.run ?? '');

  it('runs on pushes and pull requests, reading the repository only', () => {
    expect(Object.keys(ci.on)).toEqual(expect.arrayContaining(['push', 'pull_request']));
    expect(ci.permissions).toEqual({ contents: 'read' });
    expect(Object.keys(ci.jobs)).toHaveLength(1);
  });

  it('runs every command of .ci/run, in its order', () => {
    const commands = ciRunCommands(readFileSync(join(repoRoot, '.ci/run'), 'utf8'));
    expect(commands).toEqual(
      expect.arrayContaining(['npm run typecheck', 'npm run lint', 'npm test']),
    );
    let last = -1;
    for (const command of commands) {
      const at = runs.findIndex(
        (run, i) => i > last && new RegExp(`(^|\\n|\\s)${escapeRegExp(command)}(\\s|$)`).test(run),
      );
      expect(at, `ci.yml runs "${command}" after the previous command`).toBeGreaterThan(last);
      last = at;
    }
    // Like .ci/run, each check runs even when one before it failed.
    for (const step of job.steps.filter((s) => /npm (run|test)/.test(s.run ?? ''))) {
      expect(step.if, `${step.name} runs after a failure`).toMatch(/!cancelled\(\)|always\(\)/);
    }
  });

  it('gives the tests Postgres and Redis as services, and the JDK for Kafka and Neo4j', () => {
    const images = Object.values(job.services ?? {}).map((s) => s.image.split(':')[0]);
    expect(images.sort()).toEqual(['postgres', 'redis']);
    expect(job.steps.some((s) => s.uses?.startsWith('actions/setup-java@'))).toBe(true);
    const node = job.steps.find((s) => s.uses?.startsWith('actions/setup-node@'));
    expect(String(node?.with?.['node-version'])).toBe('20');
  });
});

describe('.github/workflows/release.yml', () => {
  const release = workflow('release.yml');
  const job = Object.values(release.jobs)[0] as Job;
  const matrix = job.strategy?.matrix.include ?? [];

  it('runs on version tags, with no more permission than pushing packages', () => {
    expect(release.on).toEqual({ push: { tags: ['v*'] } });
    expect(release.permissions).toEqual({});
    expect(job.permissions).toEqual({ contents: 'read', packages: 'write' });
  });

  it('builds each target with build-push-action and pushes it to ghcr.io, tagged with version and commit', () => {
    const build = job.steps.find((s) => s.uses?.startsWith('docker/build-push-action@'));
    expect(build?.with).toMatchObject({
      file: 'Dockerfile',
      target: gh('matrix.target'),
      push: true,
    });
    const meta = job.steps.find((s) => s.uses?.startsWith('docker/metadata-action@'));
    expect(meta?.with?.images).toBe(
      `ghcr.io/${gh('github.repository_owner')}/flock-${gh('matrix.image')}`,
    );
    expect(String(meta?.with?.tags)).toMatch(/type=semver,pattern=\{\{version\}\}/);
    expect(String(meta?.with?.tags)).toMatch(/type=sha,format=long/);
    expect(build?.with?.tags).toBe(gh('steps.meta.outputs.tags'));
  });

  it('builds every image the Kubernetes manifests run', () => {
    const images = new Set<string>();
    for (const overlay of ['dev', 'prod']) {
      for (const object of render(join(k8sRoot, 'overlays', overlay))) {
        for (const c of object.spec?.template?.spec?.containers ?? []) {
          const name = /(?:^|\/)(flock-[a-z-]+)(?::|@|$)/.exec(c.image)?.[1];
          if (name) images.add(name);
        }
      }
    }
    expect([...images].sort()).toEqual(matrix.map((m) => `flock-${m.image}`).sort());
  }, 60_000);

  it.runIf(existsSync(join(repoRoot, 'Dockerfile')))(
    'covers every service target of the Dockerfile',
    () => {
      const targets = serviceTargets(readFileSync(join(repoRoot, 'Dockerfile'), 'utf8'));
      expect(targets.length).toBeGreaterThan(0);
      expect(matrix.map((m) => m.target).sort()).toEqual(targets.sort());
    },
  );
});

describe.runIf(existsSync(join(repoRoot, 'Dockerfile')))('the Dockerfile and the manifests', () => {
  it('run each image as it was built: its user, and the port it listens on', () => {
    const dockerfile = readFileSync(join(repoRoot, 'Dockerfile'), 'utf8').replace(/\\\r?\n/g, ' ');
    // Each stage's USER and ENV PORT, inherited from the stage it is built FROM.
    const stages = new Map<string, { user?: string; port?: string }>();
    let current: { user?: string; port?: string } = {};
    for (const line of dockerfile.split('\n')) {
      const from = /^FROM\s+(\S+)(?:\s+AS\s+(\S+))?/i.exec(line);
      if (from) {
        current = { ...(stages.get(from[1] ?? '') ?? {}) };
        stages.set(from[2] ?? '', current);
      }
      const user = /^USER\s+(\S+)/i.exec(line)?.[1];
      if (user) current.user = user;
      const port = /^ENV\s.*\bPORT=(\d+)/i.exec(line)?.[1];
      if (port) current.port = port;
    }
    const objects = render(join(k8sRoot, 'overlays', 'prod'));
    for (const object of objects.filter((o) => o.kind === 'Deployment' || o.kind === 'Job')) {
      const pod = object.spec.template.spec;
      const container = pod.containers[0];
      const target = /flock-([a-z-]+)(?::|@|$)/.exec(container.image)?.[1] ?? '';
      const built = stages.get(target);
      expect(built, `${object.metadata.name}: image target ${target}`).toBeDefined();
      const [uid, gid] = String(built?.user).split(':');
      expect(String(pod.securityContext.runAsUser), object.metadata.name).toBe(uid);
      if (gid) expect(String(pod.securityContext.runAsGroup), object.metadata.name).toBe(gid);
      if (object.kind === 'Deployment') {
        const port = container.env.find((e: { name: string }) => e.name === 'PORT')?.value;
        expect(port, `${object.metadata.name}: PORT`).toBe(built?.port);
      }
    }
  }, 60_000);
});

describe('the parsers of this test', () => {
  it('read .ci/run-like scripts and Dockerfiles', () => {
    const script = [
      'node infra/bootstrap.mjs status >/dev/null 2>&1 || true',
      '# npm run not-this',
      'npm run typecheck || failed_steps+=(typecheck)',
      'npm test -- --reporter=default || failed_steps+=(test)',
      "  node -e '",
      '    npm run inside-a-quote',
      '  \' "$report"',
      'npm run infra:down >/dev/null 2>&1 || true',
    ].join('\n');
    expect(ciRunCommands(script)).toEqual([
      'node infra/bootstrap.mjs status',
      'npm run typecheck',
      'npm test',
      'npm run infra:down',
    ]);
    const dockerfile = [
      'ARG BASE_IMAGE=node:20-bookworm-slim',
      `FROM \${BASE_IMAGE} AS build`,
      'RUN npm run build',
      `FROM \${BASE_IMAGE} AS runtime`,
      'HEALTHCHECK --interval=10s \\',
      'CMD ["node", "-e", "..."]',
      'FROM runtime AS feed',
      'COPY --from=build /src/subgraphs/feed/dist subgraphs/feed/dist',
      'CMD ["node", "subgraphs/feed/dist/server.js"]',
      'FROM feed AS feed-worker',
      'CMD ["node", "subgraphs/feed/dist/worker.js"]',
      'FROM runtime AS jobs',
      'ENTRYPOINT ["node"]',
    ].join('\n');
    expect(serviceTargets(dockerfile)).toEqual(['feed', 'feed-worker', 'jobs']);
  });
});

/** A GitHub Actions expression as written in a workflow: ${{ expression }}. */
function gh(expression: string): string {
  return `\${{ ${expression} }}`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
