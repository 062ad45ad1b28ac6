import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compareSchemas, files, releaseChangelog, unreleasedSection } from '../compatibility';

const released = `
  type Query { user(id: ID!): User, feed(first: Int): [Post!]! }
  type User { id: ID!, name: String, email: String }
  type Post { id: ID!, kind: Kind! }
  enum Kind { TEXT IMAGE }
`;
const changelog = (notes: string) =>
  `# API changelog\n\n## Unreleased\n\n${notes}\n## 0.1.0\n\nOld.\n`;
const paths = (changes: { path?: string }[]) => changes.map((c) => c.path);

describe('schema compatibility', () => {
  it('finds nothing between a schema and itself', async () => {
    const report = await compareSchemas(released, released, changelog(''));
    expect(report).toMatchObject({ breaking: [], dangerous: [], safe: [] });
  });

  it('refuses a removed field, a narrowed type and a newly required argument', async () => {
    const current = `
      type Query { user(id: ID!): User, feed(first: Int!): [Post!]! }
      type User { id: ID!, name: Int }
      type Post { id: ID!, kind: Kind! }
      enum Kind { TEXT IMAGE }
    `;
    const report = await compareSchemas(released, current, changelog(''));
    expect(paths(report.unacknowledged).sort()).toEqual(
      ['Query.feed.first', 'User.email', 'User.name'].sort(),
    );
  });

  it('lets a breaking change through once the changelog names it, and only that one', async () => {
    const current = released.replace(', email: String', '').replace('name: String', 'name: Int');
    const report = await compareSchemas(
      released,
      current,
      changelog('- **Breaking**: `User.email` removed (read `me { email }`).\n'),
    );
    expect(paths(report.breaking).sort()).toEqual(['User.email', 'User.name']);
    expect(paths(report.unacknowledged)).toEqual(['User.name']);
  });

  it('does not count a mention in an already released section', async () => {
    const current = released.replace(', email: String', '');
    const notes = '# API changelog\n\n## Unreleased\n\n## 0.1.0\n\n- `User.email` removed\n';
    const report = await compareSchemas(released, current, notes);
    expect(paths(report.unacknowledged)).toEqual(['User.email']);
  });

  it('lists dangerous changes without refusing them, and additions as safe', async () => {
    const current = `${released.replace('TEXT IMAGE', 'TEXT IMAGE VIDEO').replace('email: String }', 'email: String, bio: String }')}`;
    const report = await compareSchemas(released, current, changelog(''));
    expect(report.unacknowledged).toEqual([]);
    expect(paths(report.dangerous)).toEqual(['Kind.VIDEO']);
    expect(paths(report.safe)).toEqual(['User.bio']);
  });

  it('titles the Unreleased section at a release and opens a new one', () => {
    const next = releaseChangelog(changelog('- `User.bio` added\n'), '0.2.0', '2026-12-01');
    expect(unreleasedSection(next).trim()).toBe('');
    expect(next).toMatch(/## Unreleased\n\n## 0\.2\.0 \(2026-12-01\)\n\n- `User\.bio` added/);
  });

  it('passes for the committed schema (a breaking change needs a changelog entry)', async () => {
    const report = await compareSchemas(
      readFileSync(files.released, 'utf8'),
      readFileSync(files.current, 'utf8'),
      readFileSync(files.changelog, 'utf8'),
    );
    expect(report.unacknowledged.map((c) => c.message)).toEqual([]);
  });
});
