import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Change, CriticalityLevel, diff } from '@graphql-inspector/core';
import { buildSchema } from 'graphql';

/**
 * Schema changes are safe for clients: `schema/api.graphql` (what the gateway serves now) is
 * compared with `schema/released/api.graphql` (the last released one). A breaking change (a
 * field removed, a type narrowed, an argument made required...) fails the check unless a
 * `**Breaking**` line of the changelog's "Unreleased" section names its schema coordinate in
 * backticks (e.g. `User.email`; a change without one, such as the mutation type changing, by
 * its kind, e.g. `SCHEMA_MUTATION_TYPE_CHANGED`), so that no client is broken by accident.
 * Dangerous changes (an enum value added, a default changed...) are listed, not refused.
 *
 *   npm run schema:check                    the check (CI)
 *   npm run schema:check -- --release 1.2.0 at a release (after the check passes): the current
 *                                           schema becomes the released one, "Unreleased"
 *                                           becomes "1.2.0 (date)"
 */

const schemaDir = import.meta.dirname;
export const files = {
  current: join(schemaDir, 'api.graphql'),
  released: join(schemaDir, 'released', 'api.graphql'),
  changelog: join(schemaDir, 'CHANGELOG.md'),
};

export interface Report {
  breaking: Change[];
  /** Breaking changes the changelog does not acknowledge: these fail the check. */
  unacknowledged: Change[];
  dangerous: Change[];
  safe: Change[];
}

const UNRELEASED = /^## Unreleased[^\n]*\n([\s\S]*?)(?=^## |(?![\s\S]))/m;

/** The text of the changelog's "## Unreleased" section (empty when there is none). */
export function unreleasedSection(changelog: string): string {
  return UNRELEASED.exec(changelog)?.[1] ?? '';
}

/** Compares two API schemas (SDL) and sorts the changes by what they do to clients. */
export async function compareSchemas(
  releasedSdl: string,
  currentSdl: string,
  changelog: string,
): Promise<Report> {
  const changes = await diff(buildSchema(releasedSdl), buildSchema(currentSdl));
  const of = (level: CriticalityLevel) => changes.filter((c) => c.criticality.level === level);
  const breaking = of(CriticalityLevel.Breaking);
  const breakingLines = unreleasedSection(changelog)
    .split('\n')
    .filter((line) => line.includes('**Breaking**'));
  const unacknowledged = breaking.filter(
    (c) => !breakingLines.some((line) => line.includes(`\`${coordinateOf(c)}\``)),
  );
  return {
    breaking,
    unacknowledged,
    dangerous: of(CriticalityLevel.Dangerous),
    safe: of(CriticalityLevel.NonBreaking),
  };
}

/** What the changelog names a change by: its schema coordinate, else its kind. */
export function coordinateOf(change: Change): string {
  return change.path ?? change.type;
}

function describe(change: Change): string {
  return `  - ${change.message} (\`${coordinateOf(change)}\`)`;
}

/** The changelog with its Unreleased section titled as `version`, and a new empty one. */
export function releaseChangelog(changelog: string, version: string, date: string): string {
  if (!UNRELEASED.test(changelog)) throw new Error('CHANGELOG.md has no "## Unreleased" section');
  return changelog.replace(/^## Unreleased[^\n]*\n/m, `## Unreleased\n\n## ${version} (${date})\n`);
}

async function main(args: string[]): Promise<number> {
  const current = readFileSync(files.current, 'utf8');
  const changelog = readFileSync(files.changelog, 'utf8');
  const releaseAt = args.indexOf('--release');
  const report = await compareSchemas(readFileSync(files.released, 'utf8'), current, changelog);
  if (releaseAt >= 0) {
    if (report.unacknowledged.length) {
      process.stderr.write('the check fails: run `npm run schema:check` and fix it first\n');
      return 1;
    }
    const version = args[releaseAt + 1];
    if (!version || !/^\d+\.\d+\.\d+/.test(version)) {
      process.stderr.write('usage: npm run schema:check -- --release <x.y.z>\n');
      return 2;
    }
    writeFileSync(files.released, current);
    const date = new Date().toISOString().slice(0, 10);
    writeFileSync(files.changelog, releaseChangelog(changelog, version, date));
    process.stdout.write(`schema/released/api.graphql is now ${version}\n`);
    return 0;
  }
  const out = (line: string) => process.stdout.write(`${line}\n`);
  out(
    `API schema against the last release: ${report.breaking.length} breaking (${report.unacknowledged.length} not in the changelog), ${report.dangerous.length} dangerous, ${report.safe.length} safe`,
  );
  if (report.dangerous.length)
    out(
      `Dangerous (clients may behave differently):\n${report.dangerous.map(describe).join('\n')}`,
    );
  const acknowledged = report.breaking.filter((c) => !report.unacknowledged.includes(c));
  if (acknowledged.length)
    out(`Breaking, acknowledged in CHANGELOG.md:\n${acknowledged.map(describe).join('\n')}`);
  if (report.unacknowledged.length) {
    process.stderr.write(
      `Breaking changes not acknowledged in schema/CHANGELOG.md ("## Unreleased"): deprecate instead (@deprecated(reason: ...)), or name each coordinate in backticks on a "**Breaking**" line there:\n${report.unacknowledged.map(describe).join('\n')}\n`,
    );
    return 1;
  }
  return 0;
}

if (process.argv[1] === import.meta.filename) {
  process.exitCode = await main(process.argv.slice(2));
}
