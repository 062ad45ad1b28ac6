import { z } from 'zod';

/** Thrown when configuration is missing or malformed; its message names every bad variable. */
export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'EnvError';
  }
}

type Source = Record<string, string | undefined>;

/**
 * Parses `source` (normally `process.env`, passed in by main()) against `schema`.
 * Every problem is collected and reported together; nothing happens at import time.
 */
export function loadEnv<S extends z.ZodType>(schema: S, source: Source): z.infer<S> {
  // Empty strings count as unset, so `FOO=` falls back to the default or fails as missing.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== ''));
  const result = schema.safeParse(cleaned);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const name = issue.path.join('.') || '(root)';
    const value = cleaned[name];
    const missing = value === undefined;
    return missing ? `${name}: is required but not set` : `${name}: ${issue.message}`;
  });
  throw new EnvError(problems);
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
