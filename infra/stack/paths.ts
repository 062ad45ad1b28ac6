import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Everything the local stack writes lives under .flock/ (git-ignored). */
export const flockDir = join(repoRoot, '.flock');

export const paths = {
  data: (name: string) => ensureDir(join(flockDir, 'data', name)),
  logs: () => ensureDir(join(flockDir, 'logs')),
  log: (name: string) => join(ensureDir(join(flockDir, 'logs')), `${name}.log`),
  run: () => ensureDir(join(flockDir, 'run')),
  lib: (name: string) => join(flockDir, 'lib', name),
  infra: (...parts: string[]) => join(repoRoot, 'infra', ...parts),
};

function ensureDir(dir: string): string {
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Makes sure the parent folder of `file` exists and returns `file`. */
export function inDir(file: string): string {
  ensureDir(dirname(file));
  return file;
}
