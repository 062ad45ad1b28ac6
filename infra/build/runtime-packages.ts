import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

interface PackageJson {
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

/**
 * The installed directories of `names` and of everything they depend on at run time
 * (dependencies and the optional ones present), found as Node finds them: the nearest
 * `node_modules/<name>` walking up from the package that needs it. Names not installed at
 * the top (an optional peer such as pg-native) are skipped.
 */
export function runtimePackages(names: string[], root: string): string[] {
  const found = new Set<string>();
  const visit = (name: string, from: string, optional: boolean) => {
    const dir = locate(name, from, root);
    if (!dir) {
      if (optional) return;
      throw new Error(`${name}, needed by ${from}, is not installed`);
    }
    if (found.has(dir)) return;
    found.add(dir);
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as PackageJson;
    for (const dependency of Object.keys(pkg.dependencies ?? {})) visit(dependency, dir, false);
    for (const dependency of Object.keys(pkg.optionalDependencies ?? {}))
      visit(dependency, dir, true);
  };
  for (const name of names) visit(name, root, true);
  return [...found].sort();
}

function locate(name: string, from: string, root: string): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dir === root || dir === dirname(dir)) return undefined;
  }
}
