import type { LocalStack, ServiceName } from '@flock/env';

/** What the seeder needs running: every service (their relays and workers carry the events). */
const NEEDED: ServiceName[] = [
  'identity',
  'network',
  'network-worker',
  'posts',
  'feed',
  'feed-worker',
  'mailer',
  'gateway',
];

/** The services of the stack whose /readyz does not answer 200 (name and address). */
export async function servicesDown(stack: LocalStack): Promise<string[]> {
  const answers = await Promise.all(
    NEEDED.map(async (name) => {
      const url = `http://127.0.0.1:${stack.ports[name]}`;
      try {
        const response = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(3_000) });
        return response.ok ? null : `${name} (${url}: /readyz answered ${response.status})`;
      } catch {
        return `${name} (${url}: not answering)`;
      }
    }),
  );
  return answers.filter((a): a is string => a !== null);
}

/** One operation through the gateway, as a client sends it; throws on any error. */
export async function gatewayQuery<T>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(10_000),
  });
  const body = (await response.json()) as { data?: T; errors?: { message: string }[] };
  if (body.errors?.length || !body.data) {
    throw new Error(`gateway answered ${response.status}: ${JSON.stringify(body.errors)}`);
  }
  return body.data;
}

export interface HomeFeedItem {
  id: string;
  body: string;
  createdAt: string;
  author: { username: string } | null;
}

export interface Session {
  accessToken: string;
  refreshToken: string;
}

/** Signs in through the gateway, as a user does. */
export async function signIn(
  gatewayUrl: string,
  login: string,
  password: string,
): Promise<Session> {
  const data = await gatewayQuery<{ login: Session }>(
    gatewayUrl,
    'mutation SeedLogin($input: LoginInput!) { login(input: $input) { accessToken refreshToken } }',
    { input: { login, password } },
  );
  return data.login;
}

export async function signOut(gatewayUrl: string, session: Session): Promise<void> {
  await gatewayQuery(
    gatewayUrl,
    'mutation SeedLogout($refreshToken: String!) { logout(refreshToken: $refreshToken) }',
    { refreshToken: session.refreshToken },
    session.accessToken,
  );
}

/** The first page of the signed-in user's home feed. */
export async function homeFeed(
  gatewayUrl: string,
  session: Session,
  first = 10,
): Promise<HomeFeedItem[]> {
  const data = await gatewayQuery<{ homeFeed: { edges: { node: HomeFeedItem }[] } | null }>(
    gatewayUrl,
    `query SeedHomeFeed($first: Int!) {
      homeFeed(first: $first) { edges { node { id body createdAt author { username } } } }
    }`,
    { first },
    session.accessToken,
  );
  return data.homeFeed?.edges.map((e) => e.node) ?? [];
}
