import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The jars resolved from Maven Central: shared by every stack (they are big), git-ignored. */
export const lib = (name: string) => join(repoRoot, '.flock', 'lib', name);

/** A file of infra/ (poms, launchers, configuration). */
export const infraFile = (...parts: string[]) => join(repoRoot, 'infra', ...parts);

/**
 * Where one stack writes: `data/<component>`, `logs/<name>.log`, `run/<name>.pid` (and the
 * supervisors' state). The default stack's state dir is <repo>/.flock; FLOCK_STATE_DIR
 * gives a second stack its own, so it never sees the first one's processes.
 */
export interface StackPaths {
  stateDir: string;
  data(name: string): string;
  logs(): string;
  log(name: string): string;
  run(): string;
  runFile(file: string): string;
}

export function stackPaths(stateDir: string): StackPaths {
  return {
    stateDir,
    data: (name) => ensureDir(join(stateDir, 'data', name)),
    logs: () => ensureDir(join(stateDir, 'logs')),
    log: (name) => join(ensureDir(join(stateDir, 'logs')), `${name}.log`),
    run: () => ensureDir(join(stateDir, 'run')),
    runFile: (file) => join(ensureDir(join(stateDir, 'run')), file),
  };
}

function ensureDir(dir: string): string {
  mkdirSync(dir, { recursive: true });
  return dir;
}
