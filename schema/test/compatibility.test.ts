import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  compareSchemas,
  coordinateOf,
  files,
  releaseChangelog,
  unreleasedSection,
} from '../compatibility';

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
      changelog(
        '- **Breaking**: `User.email` removed (read `me { email }`).\n- `User.name` is nicer\n',
      ),
    );
    expect(paths(report.breaking).sort()).toEqual(['User.email', 'User.name']);
    expect(paths(report.unacknowledged)).toEqual(['User.name']);
  });

  it('does not count a mention in an already released section', async () => {
    const current = released.replace(', email: String', '');
    const notes =
      '# API changelog\n\n## Unreleased\n\n## 0.1.0\n\n- **Breaking**: `User.email` removed\n';
    const report = await compareSchemas(released, current, notes);
    expect(paths(report.unacknowledged)).toEqual(['User.email']);
  });

  it('needs a breaking change named as such: a type mentioned for another reason does not count', async () => {
    const withNode = `interface Node { id: ID! }\n${released.replace('type User {', 'type User implements Node {')}`;
    const current = `interface Node { id: ID! }\n${released}`;
    const casual = await compareSchemas(withNode, current, changelog('- `User` gains a field\n'));
    expect(paths(casual.unacknowledged)).toEqual(['User']);
    const named = await compareSchemas(
      withNode,
      current,
      changelog('- **Breaking**: `User` no longer implements `Node`\n'),
    );
    expect(named.unacknowledged).toEqual([]);
  });

  it('names a change without a coordinate by its kind', async () => {
    const withMutation = `${released}\ntype Mutation { a: Int }\ntype Other { a: Int }\nschema { query: Query, mutation: Mutation }`;
    const current = `${released}\ntype Mutation { a: Int }\ntype Other { a: Int }\nschema { query: Query, mutation: Other }`;
    const report = await compareSchemas(withMutation, current, changelog(''));
    const kinds = report.unacknowledged.map(coordinateOf);
    expect(kinds).toContain('SCHEMA_MUTATION_TYPE_CHANGED');
    const acknowledged = await compareSchemas(
      withMutation,
      current,
      changelog('- **Breaking**: `SCHEMA_MUTATION_TYPE_CHANGED` mutations move to `Other`\n'),
    );
    expect(acknowledged.unacknowledged.map(coordinateOf)).not.toContain(
      'SCHEMA_MUTATION_TYPE_CHANGED',
    );
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
