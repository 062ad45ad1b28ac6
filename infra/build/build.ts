import { cpSync, existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { build, type Metafile } from 'esbuild';
import { ensurePrismaClients } from '../stack/prisma';
import { runtimePackages } from './runtime-packages';

/**
 * `npm run build`: the production form of every service, run with plain `node`.
 *
 * Each entry point (a service's `src/bin/*.ts`, the one-shot jobs) is bundled by esbuild into
 * one ES module with everything it imports: our workspace packages, the generated Prisma
 * clients, and the third-party packages too. Bundling the third-party packages is what keeps
 * the images small: a production `npm ci` of one service's dependencies installs ~390 MB
 * (the Prisma CLI comes in as @prisma/client's peer), while a bundle is ~10 MB and starts
 * faster (one file, no module resolution). Only what cannot be bundled stays outside, in
 * `dist/node_modules` (copied from the installed tree, so the lockfile's versions): see
 * `external` below.
 *
 * Output (git-ignored), keeping the repo's layout so every path the code computes from its
 * own file still holds (a subgraph's `../schema.graphql`, the gateway's default supergraph,
 * `prisma/<service>/migrations`): `<workspace>/dist/<entry>.js` beside `<workspace>/src`,
 * `dist/jobs/<job>.js` (two levels under the root, as `infra/jobs/`), `dist/node_modules`.
 */

/** Packages that stay outside the bundles. */
const external = [
  // A native addon, found through its own directory at run time.
  'argon2',
  // pino starts transports (pino-pretty with LOG_PRETTY) in a worker thread by file path.
  'pino',
  'pino-pretty',
  // pg's optional native binding, required only when asked for (never here); not installed.
  'pg-native',
];

const root = join(import.meta.dirname, '..', '..');

/** The services: each workspace's `src/bin/*.ts` becomes `<workspace>/dist/<name>.js`. */
const workspaces = [
  'gateway',
  'subgraphs/identity',
  'subgraphs/network',
  'subgraphs/posts',
  'subgraphs/feed',
  'workers/mailer',
];

/** One-shot commands, as `dist/jobs/<name>.js`. */
const jobs = ['infra/jobs/bin/migrate.ts', 'infra/jobs/bin/create-topics.ts'];
/** Operators' commands shipped beside the jobs: dead-letter redrive, key material. */
const commands = ['packages/events/src/bin/redrive.ts', 'packages/auth/src/keys-cli.ts'];

interface Bundle {
  entry: string;
  outDir: string;
}

function bundles(): Bundle[] {
  const services = workspaces.flatMap((workspace) => {
    const bin = join(root, workspace, 'src', 'bin');
    return readdirSync(bin)
      .filter((file) => file.endsWith('.ts'))
      .map((file) => ({ entry: join(bin, file), outDir: join(root, workspace, 'dist') }));
  });
  const oneShot = [...jobs, ...commands].map((entry) => ({
    entry: join(root, entry),
    outDir: join(root, 'dist', 'jobs'),
  }));
  return [...services, ...oneShot];
}

// CommonJS packages inside an ES module bundle still call require() for Node's built-ins.
const banner = `import { createRequire as __flockCreateRequire } from 'node:module';
const require = __flockCreateRequire(import.meta.url);`;

async function main(): Promise<void> {
  const started = Date.now();
  ensurePrismaClients();
  const list = bundles();
  const outDirs = [...new Set(list.map((bundle) => bundle.outDir))];
  for (const dir of [...outDirs, join(root, 'dist')]) rmSync(dir, { recursive: true, force: true });

  const result = await build({
    entryPoints: list.map(({ entry, outDir }) => ({
      in: entry,
      out: relative(root, join(outDir, entry.split('/').pop()?.replace(/\.ts$/, '') ?? '')),
    })),
    outdir: root,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // graphql 16 has CommonJS (main) and ESM (module) builds: main first, as Node resolves
    // it for the Apollo packages, so the bundle holds one graphql (two would refuse each
    // other's types).
    mainFields: ['main', 'module'],
    external,
    banner: { js: banner },
    // Error and class names stay as written (error classification reads some).
    keepNames: true,
    // Stack traces in production logs point at the TypeScript sources with
    // --enable-source-maps; the maps hold positions only (sources stay out of the image).
    sourcemap: 'linked',
    sourcesContent: false,
    legalComments: 'none',
    metafile: true,
    logLevel: 'warning',
  });

  // Node reads `.js` as an ES module only under a package.json that says so.
  for (const dir of outDirs) writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');

  const modules = runtimePackages(external, root);
  const target = join(root, 'dist', 'node_modules');
  for (const dir of modules) {
    cpSync(dir, join(target, relative(join(root, 'node_modules'), dir)), {
      recursive: true,
      // Nested node_modules hold other packages: copied on their own when needed.
      filter: (source) => !relative(dir, source).split('/').includes('node_modules'),
    });
  }

  report(result.metafile, modules, Date.now() - started);
}

function report(metafile: Metafile, modules: string[], ms: number): void {
  for (const [file, output] of Object.entries(metafile.outputs)) {
    if (file.endsWith('.map')) continue;
    console.log(`  ${file.padEnd(42)} ${(output.bytes / 1e6).toFixed(1).padStart(5)} MB`);
  }
  const names = modules.map((dir) => relative(join(root, 'node_modules'), dir));
  console.log(`  dist/node_modules: ${names.length} packages (${names.join(', ')})`);
  console.log(`built in ${(ms / 1000).toFixed(1)} s`);
}

if (!existsSync(join(root, 'node_modules'))) {
  console.error('npm run build: run npm ci first');
  process.exit(1);
}
main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
