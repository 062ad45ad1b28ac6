import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from './harness';

/**
 * Client mistakes through the gateway answer 4xx with the right code (GraphQL over HTTP),
 * under both response media types; only a real server fault is a 5xx.
 */
let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.stop();
});

interface Malformed {
  name: string;
  /** A GraphQL request body (serialised as JSON), or a raw body string. */
  body?: Record<string, unknown> | unknown[] | string;
  method?: string;
  contentType?: string;
  /** Query string of a GET. */
  search?: string;
  status: number;
  code: string;
}

const q = (query: string, more: Record<string, unknown> = {}) => ({ query, ...more });
const repeat = (n: number, f: (i: number) => string) =>
  Array.from({ length: n }, (_, i) => f(i)).join(' ');
const nested = (depth: number) =>
  `{ me { ${'followers { '.repeat(depth)}id${' }'.repeat(depth)} } }`;
const ME = '{ me { id } }';

const PARSE = 'GRAPHQL_PARSE_FAILED';
const VALIDATION = 'GRAPHQL_VALIDATION_FAILED';
const BAD_REQUEST = 'BAD_REQUEST';
const BAD_INPUT = 'BAD_USER_INPUT';

const cases: Malformed[] = [
  // Syntax.
  { name: 'unclosed brace', body: q('{'), status: 400, code: PARSE },
  { name: 'unclosed selection', body: q('query { me { id }'), status: 400, code: PARSE },
  { name: 'lone closing brace', body: q('}'), status: 400, code: PARSE },
  { name: 'extra closing brace', body: q('{ me { id } } }'), status: 400, code: PARSE },
  { name: 'bare keyword', body: q('mutation'), status: 400, code: PARSE },
  {
    name: 'unterminated string',
    body: q('{ user(username: "ada) { id } }'),
    status: 400,
    code: PARSE,
  },
  { name: 'empty variable type', body: q('query ($a: ) { me { id } }'), status: 400, code: PARSE },
  { name: 'empty argument value', body: q('{ user(id: ) { id } }'), status: 400, code: PARSE },
  { name: 'bare fragment keyword', body: q('fragment'), status: 400, code: PARSE },
  { name: 'bad escape', body: q('{ user(username: "\\x") { id } }'), status: 400, code: PARSE },
  { name: 'nul character', body: q('{ me\u0000 { id } }'), status: 400, code: PARSE },
  { name: 'spread without name', body: q('{ me { ... } }'), status: 400, code: PARSE },
  {
    name: 'half of a second operation',
    body: q('query A { me { id } } query B {'),
    status: 400,
    code: PARSE,
  },
  { name: 'number as operation', body: q('42'), status: 400, code: PARSE },
  { name: 'list as document', body: q('[1, 2]'), status: 400, code: PARSE },
  // Validation.
  { name: 'unknown root field', body: q('{ nope }'), status: 400, code: VALIDATION },
  { name: 'unknown nested field', body: q('{ me { nope } }'), status: 400, code: VALIDATION },
  { name: 'object without selection', body: q('{ me }'), status: 400, code: VALIDATION },
  { name: 'selection on a scalar', body: q('{ me { id { x } } }'), status: 400, code: VALIDATION },
  { name: 'unknown argument', body: q('{ me(x: 1) { id } }'), status: 400, code: VALIDATION },
  {
    name: 'wrong literal type',
    body: q('{ homeFeed(first: "ten") { edges { cursor } } }'),
    status: 400,
    code: VALIDATION,
  },
  { name: 'undefined variable', body: q('{ user(id: $x) { id } }'), status: 400, code: VALIDATION },
  {
    name: 'unused variable',
    body: q('query($x: ID) { me { id } }'),
    status: 400,
    code: VALIDATION,
  },
  {
    name: 'duplicate operation names',
    body: q('query A { me { id } } query A { me { id } }', { operationName: 'A' }),
    status: 400,
    code: VALIDATION,
  },
  {
    name: 'anonymous beside named',
    body: q('{ me { id } } query A { me { id } }', { operationName: 'A' }),
    status: 400,
    code: VALIDATION,
  },
  { name: 'unknown fragment', body: q('{ me { ...F } }'), status: 400, code: VALIDATION },
  {
    name: 'fragment cycle',
    body: q('{ me { ...A } } fragment A on User { ...B } fragment B on User { ...A }'),
    status: 400,
    code: VALIDATION,
  },
  {
    name: 'fragment on a wrong type',
    body: q('{ me { ...F } } fragment F on Post { id }'),
    status: 400,
    code: VALIDATION,
  },
  {
    name: 'unused fragment',
    body: q('{ me { id } } fragment F on User { id }'),
    status: 400,
    code: VALIDATION,
  },
  { name: 'unknown directive', body: q('{ me @nope { id } }'), status: 400, code: VALIDATION },
  {
    name: 'directive in a wrong place',
    body: q('query @skip(if: true) { me { id } }'),
    status: 400,
    code: VALIDATION,
  },
  {
    name: 'missing required argument',
    body: q('mutation { follow { id } }'),
    status: 400,
    code: VALIDATION,
  },
  {
    name: 'variable of an incompatible type',
    body: q('query($x: Boolean) { user(id: $x) { id } }', { variables: { x: true } }),
    status: 400,
    code: VALIDATION,
  },
  {
    name: 'input object with an unknown field',
    body: q('mutation { login(input: { login: "a", password: "b", nope: 1 }) { accessToken } }'),
    status: 400,
    code: VALIDATION,
  },
  {
    name: 'introspection of an unknown type field',
    body: q('{ __type(name: "User") { nope } }'),
    status: 400,
    code: VALIDATION,
  },
  {
    name: 'conflicting aliases',
    body: q('{ me { x: id x: username } }'),
    status: 400,
    code: VALIDATION,
  },
  // Operation selection and unsupported operation types.
  {
    name: 'two operations, no operationName',
    body: q('query A { me { id } } query B { me { id } }'),
    status: 400,
    code: BAD_REQUEST,
  },
  {
    name: 'three operations, no operationName',
    body: q('query A { me { id } } query B { me { id } } mutation C { logout }'),
    status: 400,
    code: BAD_REQUEST,
  },
  {
    name: 'unknown operationName',
    body: q('query A { me { id } }', { operationName: 'B' }),
    status: 400,
    code: BAD_REQUEST,
  },
  {
    name: 'operationName for an anonymous operation',
    body: q(ME, { operationName: 'A' }),
    status: 400,
    code: BAD_REQUEST,
  },
  { name: 'subscription', body: q('subscription { me { id } }'), status: 400, code: BAD_REQUEST },
  {
    name: 'named subscription',
    body: q('subscription S { homeFeed { edges { cursor } } }', { operationName: 'S' }),
    status: 400,
    code: BAD_REQUEST,
  },
  { name: 'only fragments', body: q('fragment F on User { id }'), status: 400, code: VALIDATION },
  // Variable coercion.
  {
    name: 'missing required variable',
    body: q('query($u: String!) { user(username: $u) { id } }'),
    status: 400,
    code: BAD_INPUT,
  },
  {
    name: 'null for a required variable',
    body: q('query($u: String!) { user(username: $u) { id } }', { variables: { u: null } }),
    status: 400,
    code: BAD_INPUT,
  },
  {
    name: 'string for an Int variable',
    body: q('query($n: Int) { homeFeed(first: $n) { edges { cursor } } }', {
      variables: { n: 'ten' },
    }),
    status: 400,
    code: BAD_INPUT,
  },
  {
    name: 'Int variable out of 32-bit range',
    body: q('query($n: Int) { homeFeed(first: $n) { edges { cursor } } }', {
      variables: { n: 1e20 },
    }),
    status: 400,
    code: BAD_INPUT,
  },
  {
    name: 'float for an Int variable',
    body: q('query($n: Int) { homeFeed(first: $n) { edges { cursor } } }', {
      variables: { n: 1.5 },
    }),
    status: 400,
    code: BAD_INPUT,
  },
  {
    name: 'input variable missing a field',
    body: q('mutation($i: LoginInput!) { login(input: $i) { accessToken } }', {
      variables: { i: { login: 'a' } },
    }),
    status: 400,
    code: BAD_INPUT,
  },
  {
    name: 'input variable with an unknown field',
    body: q('mutation($i: LoginInput!) { login(input: $i) { accessToken } }', {
      variables: { i: { login: 'a', password: 'b', nope: 1 } },
    }),
    status: 400,
    code: BAD_INPUT,
  },
  {
    name: 'object for a String variable',
    body: q('query($u: String!) { user(username: $u) { id } }', { variables: { u: { a: 1 } } }),
    status: 400,
    code: BAD_INPUT,
  },
  {
    name: 'first over the maximum, as a variable',
    body: q('query($n: Int) { homeFeed(first: $n) { edges { cursor } } }', {
      variables: { n: 1000 },
    }),
    status: 400,
    code: BAD_INPUT,
  },
  {
    name: 'first over the maximum, as a variable default',
    body: q('query($n: Int = 100000) { homeFeed(first: $n) { edges { cursor } } }'),
    status: 400,
    code: BAD_INPUT,
  },
  {
    name: 'first over the maximum, as a literal',
    body: q('{ homeFeed(first: 1000) { edges { cursor } } }'),
    status: 400,
    code: BAD_INPUT,
  },
  {
    name: 'negative first',
    body: q('{ homeFeed(first: -1) { edges { cursor } } }'),
    status: 400,
    code: BAD_INPUT,
  },
  // The HTTP request itself.
  { name: 'body that is not JSON', body: '{"query": ', status: 400, code: BAD_REQUEST },
  { name: 'batched request', body: [q(ME), q(ME)], status: 400, code: BAD_REQUEST },
  { name: 'JSON string body', body: '"{ me { id } }"', status: 400, code: BAD_REQUEST },
  { name: 'JSON null body', body: 'null', status: 400, code: BAD_REQUEST },
  { name: 'no query', body: {}, status: 400, code: BAD_REQUEST },
  { name: 'empty query', body: q(''), status: 400, code: BAD_REQUEST },
  { name: 'query that is a number', body: { query: 5 }, status: 400, code: BAD_REQUEST },
  {
    name: 'operationName that is a number',
    body: q(ME, { operationName: 5 }),
    status: 400,
    code: BAD_REQUEST,
  },
  {
    name: 'variables that are a string',
    body: q(ME, { variables: 'x' }),
    status: 400,
    code: BAD_REQUEST,
  },
  {
    name: 'extensions that are a list',
    body: q(ME, { extensions: [] }),
    status: 400,
    code: BAD_REQUEST,
  },
  {
    name: 'unknown persisted query',
    body: { extensions: { persistedQuery: { version: 1, sha256Hash: 'ab' } } },
    status: 200,
    code: 'PERSISTED_QUERY_NOT_FOUND',
  },
  {
    name: 'text/plain POST (CSRF prevention)',
    body: JSON.stringify(q(ME)),
    contentType: 'text/plain',
    status: 400,
    code: BAD_REQUEST,
  },
  { name: 'GET without a query', method: 'GET', search: '', status: 400, code: BAD_REQUEST },
  {
    name: 'mutation over GET',
    method: 'GET',
    search: `?query=${encodeURIComponent('mutation { logout }')}`,
    status: 405,
    code: BAD_REQUEST,
  },
  { name: 'PUT', method: 'PUT', body: q(ME), status: 405, code: BAD_REQUEST },
  {
    name: 'body over the size limit',
    body: q(`{ me { id } } # ${'x'.repeat(200_000)}`),
    status: 413,
    code: 'PAYLOAD_TOO_LARGE',
  },
  // Limits.
  { name: 'too deep', body: q(nested(14)), status: 400, code: 'QUERY_TOO_DEEP' },
  {
    name: '16 aliases',
    body: q(`{ ${repeat(16, (i) => `a${i}: me { id }`)} }`),
    status: 400,
    code: 'TOO_MANY_ALIASES',
  },
  {
    name: '2,000 aliases',
    body: q(`{ ${repeat(2000, (i) => `a${i}: me { id }`)} }`),
    status: 400,
    code: 'TOO_MANY_TOKENS',
  },
  {
    name: '5,000 directives',
    body: q(`{ me ${repeat(5000, () => '@skip(if: false)')} { id } }`),
    status: 400,
    code: 'TOO_MANY_TOKENS',
  },
  {
    name: '25 directives',
    body: q(`{ me { ${repeat(25, () => 'id @skip(if: false)')} } }`),
    status: 400,
    code: 'TOO_MANY_DIRECTIVES',
  },
  {
    name: "1,100 repeated fields (the validator's own work budget)",
    body: q(`{ me { ${repeat(1100, () => 'id')} } }`),
    status: 400,
    code: VALIDATION,
  },
  {
    name: 'too many tokens',
    body: q(`{ me { ${repeat(2100, () => 'id')} } }`),
    status: 400,
    code: 'TOO_MANY_TOKENS',
  },
  {
    name: 'nested lists too costly',
    body: q(
      '{ me { followers(limit: 100) { followers(limit: 100) { followers(limit: 100) { id } } } } }',
    ),
    status: 400,
    code: 'QUERY_TOO_COMPLEX',
  },
  {
    name: 'two credential checks in one request',
    body: q(
      'mutation { a: login(input: { login: "a", password: "b" }) { accessToken } b: login(input: { login: "a", password: "c" }) { accessToken } }',
    ),
    status: 400,
    code: 'TOO_MANY_CREDENTIAL_CHECKS',
  },
  {
    name: 'credential checks hidden in fragments',
    body: q(
      'mutation { ...A ...B } fragment A on Mutation { login(input: { login: "a", password: "b" }) { accessToken } } fragment B on Mutation { refreshSession(refreshToken: "x") { accessToken } }',
    ),
    status: 400,
    code: 'TOO_MANY_CREDENTIAL_CHECKS',
  },
];

async function send(c: Malformed, accept: string) {
  const method = c.method ?? 'POST';
  const headers: Record<string, string> = { accept };
  let body: string | undefined;
  if (method !== 'GET') {
    body = typeof c.body === 'string' ? c.body : JSON.stringify(c.body);
    headers['content-type'] = c.contentType ?? 'application/json';
  } else {
    headers['apollo-require-preflight'] = 'true';
  }
  const response = await fetch(`${stack.gatewayUrl}${c.search ?? ''}`, { method, headers, body });
  const text = await response.text();
  let code: unknown;
  try {
    code = (JSON.parse(text) as { errors?: { extensions?: { code?: unknown } }[] }).errors?.[0]
      ?.extensions?.code;
  } catch {
    code = `not JSON: ${text.slice(0, 80)}`;
  }
  return { status: response.status, code, text };
}

describe('malformed requests through the gateway', () => {
  it('has a table of at least 60 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(60);
  });

  for (const accept of ['application/json', 'application/graphql-response+json']) {
    it(`answers every one with its 4xx status and code (Accept: ${accept})`, async () => {
      const wrong: string[] = [];
      for (const c of cases) {
        const got = await send(c, accept);
        if (got.status !== c.status || got.code !== c.code) {
          wrong.push(
            `${c.name}: ${got.status} ${got.code} (want ${c.status} ${c.code}) ${process.env.DEBUG_MALFORMED ? got.text.slice(0, 300) : ''}`,
          );
        }
      }
      expect(wrong).toEqual([]);
    });
  }
});
