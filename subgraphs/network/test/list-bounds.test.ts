import { printSubgraphSchema } from '@apollo/subgraph';
import { Neo4jGraphQL } from '@neo4j/graphql';
import {
  type GraphQLError,
  type GraphQLSchema,
  type OperationDefinitionNode,
  parse,
  validate,
} from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkOperation, MAX_ROWS_PER_REQUEST, withPageDefaults } from '../src/list-bounds';
import { typeDefs } from '../src/type-defs';

let schema: GraphQLSchema;

beforeAll(async () => {
  schema = withPageDefaults(await new Neo4jGraphQL({ typeDefs }).getSubgraphSchema());
});

/** What checkOperation throws for a (valid) operation, or undefined when it passes. */
function refusal(source: string, variables: Record<string, unknown> = {}) {
  const document = parse(source);
  expect(validate(schema, document)).toEqual([]);
  const operation = document.definitions.find(
    (d): d is OperationDefinitionNode => d.kind === 'OperationDefinition',
  );
  if (!operation) throw new Error('no operation');
  try {
    checkOperation(schema, document, operation, variables);
    return undefined;
  } catch (error) {
    const { extensions, message } = error as GraphQLError;
    return { code: extensions.code, field: extensions.field, message };
  }
}

const REPS = 'query($reps: [_Any!]!';
const onUser = (selection: string, definitions = '') =>
  `${REPS}${definitions}) { _entities(representations: $reps) { ... on User { ${selection} } } }`;
const one = { reps: [{ __typename: 'User', id: 'u' }] };

describe('page defaults', () => {
  it('gives every generated page argument a default of 20, in the SDL too', () => {
    const sdl = printSubgraphSchema(schema);
    expect(sdl).toContain('followers(where: UserWhere, limit: Int = 20,');
    expect(sdl).toContain('following(where: UserWhere, limit: Int = 20,');
    expect(sdl).toContain(
      'followersConnection(where: UserFollowersConnectionWhere, first: Int = 20,',
    );
    expect(sdl).toContain(
      'followingConnection(where: UserFollowingConnectionWhere, first: Int = 20,',
    );
    expect(sdl).toContain('suggestedFollows(first: Int! = 10)');
  });

  it('offers no filter or sort whose cost no page bounds', () => {
    const sdl = printSubgraphSchema(schema);
    const userWhere = sdl.slice(sdl.indexOf('input UserWhere {'));
    const body = userWhere.slice(0, userWhere.indexOf('\n}'));
    expect(body).not.toMatch(/\bfollowers|following|followerCount|followingCount/);
    const userSort = sdl.slice(sdl.indexOf('input UserSort {'));
    expect(userSort.slice(0, userSort.indexOf('\n}'))).not.toMatch(/Count/);
  });
});

describe('checkOperation', () => {
  it('passes pages of 1 to 100 and the defaults', () => {
    expect(refusal(onUser('followers { id } followersConnection { totalCount }'), one)).toBe(
      undefined,
    );
    expect(refusal(onUser('followers(limit: 100) { id }'), one)).toBe(undefined);
    expect(refusal(onUser('following(limit: 1) { id }'), one)).toBe(undefined);
    expect(refusal('{ suggestedFollows(first: 100) { id } }')).toBe(undefined);
  });

  it('refuses pages outside 1..100 however they are given, naming the field', () => {
    const cases: [string, Record<string, unknown>, string][] = [
      [onUser('followers(limit: 101) { id }'), one, 'followers.limit'],
      [onUser('followers(limit: 0) { id }'), one, 'followers.limit'],
      [onUser('followingConnection(first: -1) { totalCount }'), one, 'followingConnection.first'],
      [
        onUser('followersConnection(first: $n) { totalCount }', ', $n: Int'),
        { ...one, n: 1000 },
        'followersConnection.first',
      ],
      [
        onUser('followersConnection(first: $n) { totalCount }', ', $n: Int = 100000'),
        one,
        'followersConnection.first',
      ],
      [
        `${REPS}) { _entities(representations: $reps) { ...F } } fragment F on User { a: followers { id } b: followers(limit: 500) { id } }`,
        one,
        'followers.limit',
      ],
      ['{ suggestedFollows(first: 1000) { id } }', {}, 'suggestedFollows.first'],
    ];
    for (const [source, variables, field] of cases) {
      expect(refusal(source, variables)).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
  });

  it('counts nested pages and entity batches against the row budget', () => {
    // 20 + 20 × 20 + 20 × 20 × 20 = 8,420
    expect(refusal(onUser('followers { followers { followers { id } } }'), one)).toBe(undefined);
    // 100 + 100 × 100
    expect(
      refusal(onUser('followers(limit: 100) { followers(limit: 100) { id } }'), one),
    ).toMatchObject({
      code: 'QUERY_TOO_COMPLEX',
    });
    expect(
      refusal('{ suggestedFollows(first: 100) { following(limit: 100) { id } } }'),
    ).toMatchObject({ code: 'QUERY_TOO_COMPLEX' });
    const batch = (n: number) => ({
      reps: Array.from({ length: n }, (_, i) => ({ __typename: 'User', id: `u${i}` })),
    });
    // 99 × (1 + 100) fits, 100 × (1 + 100) does not.
    expect(MAX_ROWS_PER_REQUEST).toBe(10_000);
    expect(refusal(onUser('followers(limit: 100) { id }'), batch(99))).toBe(undefined);
    expect(refusal(onUser('followers(limit: 100) { id }'), batch(100))).toMatchObject({
      code: 'QUERY_TOO_COMPLEX',
    });
  });

  it('measures a fragment once however often it is spread', () => {
    const fragments = Array.from(
      { length: 40 },
      (_, i) => `fragment F${i} on User { id ...F${i + 1} ...F${i + 1} }`,
    ).join('\n');
    const source = `${REPS}) { _entities(representations: $reps) { ...F0 } }\n${fragments}\nfragment F40 on User { followers(limit: 1) { id } }`;
    const started = performance.now();
    expect(refusal(source, one)).toMatchObject({ code: 'QUERY_TOO_COMPLEX' });
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('bounds lists and nesting inside filter arguments', () => {
    const ids = Array.from({ length: 101 }, (_, i) => `u${i}`);
    expect(
      refusal(onUser('followers(where: { id: { in: $ids } }) { id }', ', $ids: [ID!]'), {
        ...one,
        ids,
      }),
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'followers.where.id.in' });
    expect(
      refusal(onUser('followers(where: { id: { in: $ids } }) { id }', ', $ids: [ID!]'), {
        ...one,
        ids: ids.slice(0, 100),
      }),
    ).toBe(undefined);

    let where: Record<string, unknown> = { id: { eq: 'x' } };
    for (let i = 0; i < 20; i++) where = { NOT: where };
    expect(
      refusal(onUser('followers(where: $where) { id }', ', $where: UserWhere'), {
        ...one,
        where,
      }),
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: '$where' });
    const literal = `${'{ NOT: '.repeat(20)}{ id: { eq: "x" } }${' }'.repeat(20)}`;
    expect(refusal(onUser(`followers(where: ${literal}) { id }`), one)).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: expect.stringMatching(/^followers\.where\.NOT\.NOT/),
    });
  });
});
