import { readFileSync } from 'node:fs';
import { z } from 'zod';

/** Thrown when configuration is missing or malformed; its message names every bad variable. */
export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'EnvError';
  }
}

type Source = Record<string, string | undefined>;

/** The suffix of a variable that names a file holding another variable's value. */
const FILE_SUFFIX = '_FILE';

/**
 * Parses `source` (normally `process.env`, passed in by main()) against `schema`.
 * Every problem is collected and reported together; nothing happens at import time.
 *
 * Every variable of the schema can instead be given as `<NAME>_FILE`, the path of a file
 * holding its value (a mounted Kubernetes secret, a Vault agent's output): one trailing
 * newline is dropped. Giving both is an error, and so is a file that cannot be read.
 */
export function loadEnv<S extends z.ZodType>(schema: S, source: Source): z.infer<S> {
  // Empty strings count as unset, so `FOO=` falls back to the default or fails as missing.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== ''));
  const fromFiles = readFileVariables(variableNames(schema), cleaned);
  const values = { ...cleaned, ...fromFiles.values };
  const result = schema.safeParse(values);
  if (result.success && fromFiles.problems.size === 0) return result.data;
  const issues = result.success ? [] : result.error.issues;
  const problems = issues
    .map((issue) => {
      const name = issue.path.join('.') || '(root)';
      // A bad file was reported already; its variable is missing as a consequence.
      if (fromFiles.problems.has(name)) return undefined;
      const origin = name in fromFiles.values ? ` (from ${name}${FILE_SUFFIX})` : '';
      return values[name] === undefined
        ? `${name}: is required but not set`
        : `${name}${origin}: ${issue.message}`;
    })
    .filter((problem) => problem !== undefined);
  throw new EnvError([...fromFiles.problems.values(), ...problems]);
}

/** The variables a schema reads: the keys of its object (under refinements and transforms). */
function variableNames(schema: z.ZodType): string[] {
  if (schema instanceof z.ZodObject) return Object.keys(schema.shape);
  if (schema instanceof z.ZodPipe) return variableNames(schema.in as z.ZodType);
  return [];
}

/** The values of `<NAME>_FILE` variables, and a problem per variable that could not be read. */
function readFileVariables(
  names: string[],
  source: Source,
): { values: Record<string, string>; problems: Map<string, string> } {
  const values: Record<string, string> = {};
  const problems = new Map<string, string>();
  for (const name of names) {
    const fileVariable = `${name}${FILE_SUFFIX}`;
    const path = source[fileVariable];
    if (path === undefined) continue;
    if (source[name] !== undefined) {
      problems.set(name, `${name}: set both ${name} and ${fileVariable}; give only one of them`);
      continue;
    }
    try {
      const value = readFileSync(path, 'utf8').replace(/\r?\n$/, '');
      if (value !== '') values[name] = value;
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      problems.set(name, `${fileVariable}: cannot read ${path} (${reason})`);
    }
  }
  return { values, problems };
}

/** Helpers for env values, which are always strings. */
export const envBool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

export const envPort = z.coerce.number().int().min(0).max(65535);

export const envList = z
  .string()
  .transform((v) =>
    v
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.string()).min(1));

/**
 * A refinement for secrets that development generates but production must be given:
 * `schema.superRefine(requiredInProduction(['JWT_PRIVATE_KEY']))`.
 */
export function requiredInProduction<K extends string>(names: readonly K[]) {
  return (env: { NODE_ENV?: string } & Partial<Record<K, unknown>>, ctx: z.RefinementCtx) => {
    if (env.NODE_ENV !== 'production') return;
    for (const name of names) {
      if (!env[name])
        ctx.addIssue({ code: 'custom', path: [name], message: 'is required in production' });
    }
  };
}
