import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { uniqueId } from '@flock/testing';
import Provider from 'oidc-provider';
import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql } from './__generated__';
import {
  dataOf,
  errorOf,
  graphql,
  startTestStack,
  type TestStack,
  testDatabasePool,
} from './harness';

/**
 * Sign-in with an OpenID Connect provider, end to end through the gateway, against a real
 * provider on loopback: oidc-provider (a certified implementation), with two clients (Flock,
 * and another app whose ID tokens must never be accepted by Flock). The person's visit to
 * the provider is played by following its redirects with a cookie jar; the login page signs
 * in whichever provider account the test names.
 */
const APP_CALLBACK = 'http://app.test/oidc/callback';
const OTHER_CALLBACK = 'http://other.test/callback';
const flockClient = { id: 'flock', secret: randomBytes(24).toString('base64url') };
const otherClient = { id: 'other-app', secret: randomBytes(24).toString('base64url') };

interface ProviderAccount {
  email: string;
  email_verified: boolean;
  name?: string;
}
const providerAccounts = new Map<string, ProviderAccount>();
let signingInAs = '';
/** When set, the provider's token response to Flock carries this ID token instead. */
let substituteIdToken: string | undefined;

let issuer: string;
let providerServer: Server;
let stack: TestStack;
const db = testDatabasePool('identity');

beforeAll(async () => {
  providerServer = createServer();
  await new Promise<void>((resolve) => providerServer.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(providerServer.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: flockClient.id,
        client_secret: flockClient.secret,
        redirect_uris: [APP_CALLBACK],
      },
      {
        client_id: otherClient.id,
        client_secret: otherClient.secret,
        redirect_uris: [OTHER_CALLBACK],
      },
    ],
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['name', 'preferred_username'],
    },
    findAccount: async (_ctx, id) => ({
      accountId: id,
      claims: async () => ({ sub: id, ...providerAccounts.get(id) }),
    }),
    // Consent is given: the grant of every requested scope exists.
    loadExistingGrant: async (ctx) => {
      const grant = new ctx.oidc.provider.Grant({
        clientId: ctx.oidc.client?.clientId,
        accountId: ctx.oidc.session?.accountId,
      });
      grant.addOIDCScope('openid email profile');
      await grant.save();
      return grant;
    },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    cookies: { keys: [randomBytes(16).toString('hex')] },
  });
  const callback = provider.callback();
  providerServer.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (req.url?.startsWith('/interaction/')) {
      void provider.interactionFinished(
        req,
        res,
        { login: { accountId: signingInAs } },
        { mergeWithLastSubmission: false },
      );
      return;
    }
    if (substituteIdToken && req.method === 'POST' && req.url === '/token') {
      substituteTokenResponse(res, substituteIdToken);
    }
    callback(req, res);
  });

  stack = await startTestStack({
    identityEnv: {
      OIDC_PROVIDERS: JSON.stringify([
        {
          name: 'testidp',
          issuer,
          clientId: flockClient.id,
          clientSecret: flockClient.secret,
          redirectUri: APP_CALLBACK,
        },
      ]),
    },
  });
});
afterAll(async () => {
  await stack?.stop();
  await db.end();
  await new Promise((resolve) => providerServer?.close(resolve));
});

/** Rewrites the JSON the provider is about to send: its id_token replaced. */
function substituteTokenResponse(res: ServerResponse, idToken: string) {
  const chunks: Buffer[] = [];
  const end = res.end.bind(res);
  res.write = ((chunk: Buffer | string) => {
    chunks.push(Buffer.from(chunk));
    return true;
  }) as typeof res.write;
  res.end = ((chunk?: Buffer | string) => {
    if (chunk) chunks.push(Buffer.from(chunk));
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    if (body.id_token) body.id_token = idToken;
    const text = JSON.stringify(body);
    res.setHeader('content-length', Buffer.byteLength(text));
    return end(text);
  }) as typeof res.end;
}

const START = gql(`
  mutation OidcStart($p: String!) { startOidcSignIn(provider: $p) { authorizationUrl state } }
`);
const FINISH = gql(`
  mutation OidcFinish($state: String!, $code: String!, $iss: String) {
    finishOidcSignIn(state: $state, code: $code, iss: $iss) {
      session { accessToken refreshToken user { id username } }
      signUp { ticket email emailVerified suggestedUsername }
    }
  }
`);
const COMPLETE = gql(`
  mutation OidcComplete($ticket: String!, $username: String!) {
    completeOidcSignUp(ticket: $ticket, username: $username) { accessToken user { id username } }
  }
`);
const START_LINK = gql(`
  mutation OidcStartLink($p: String!) { startOidcLink(provider: $p) { authorizationUrl } }
`);
const FINISH_LINK = gql(`
  mutation OidcFinishLink($state: String!, $code: String!, $iss: String) {
    finishOidcLink(state: $state, code: $code, iss: $iss) { provider email }
  }
`);
const UNLINK = gql(`
  mutation OidcUnlink($p: String!) { unlinkOidcProvider(provider: $p) { provider } }
`);
const ME = gql(`
  query OidcMe { me { id email emailVerified } myLinkedProviders { provider email } oidcProviders }
`);
const REGISTER = gql(`
  mutation OidcRegister($input: RegisterInput!) {
    register(input: $input) { accessToken user { id } }
  }
`);

/** A person at the provider: visits the authorization URL, signs in, comes back. */
async function visitProvider(authorizationUrl: string, account: string) {
  signingInAs = account;
  const cookies = new Map<string, string>();
  let url = new URL(authorizationUrl);
  for (let hop = 0; hop < 10; hop++) {
    const response = await fetch(url, {
      redirect: 'manual',
      headers: { cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair = ''] = cookie.split(';');
      const at = pair.indexOf('=');
      cookies.set(pair.slice(0, at), pair.slice(at + 1));
    }
    const location = response.headers.get('location');
    if (!location) throw new Error(`the provider stopped at ${url} (${response.status})`);
    url = new URL(location, url);
    if (url.href.startsWith(APP_CALLBACK) || url.href.startsWith(OTHER_CALLBACK)) {
      const params = url.searchParams;
      return {
        code: params.get('code') ?? '',
        state: params.get('state') ?? '',
        iss: params.get('iss'),
      };
    }
  }
  throw new Error('too many redirects');
}

function providerAccount(account: Partial<ProviderAccount> = {}) {
  const sub = uniqueId('sub');
  providerAccounts.set(sub, {
    email: `${sub}@idp.example`,
    email_verified: true,
    name: 'Ida Provider',
    ...account,
  });
  return sub;
}

async function startSignIn() {
  return dataOf(await graphql(stack.gatewayUrl, START, { p: 'testidp' })).startOidcSignIn;
}

async function signInAt(sub: string) {
  const { authorizationUrl } = await startSignIn();
  const callback = await visitProvider(authorizationUrl, sub);
  return graphql(stack.gatewayUrl, FINISH, callback);
}

async function signUp(sub: string) {
  const first = dataOf(await signInAt(sub)).finishOidcSignIn;
  const ticket = first.signUp?.ticket ?? '';
  const username = uniqueId('oidc');
  const created = dataOf(await graphql(stack.gatewayUrl, COMPLETE, { ticket, username }));
  return { first, ticket, ...created.completeOidcSignUp };
}

describe('sign-in with an OpenID Connect provider', () => {
  it('creates an account on the first sign-in, with the chosen username, and signs it in later', async () => {
    const sub = providerAccount();
    const { authorizationUrl } = await startSignIn();
    const url = new URL(authorizationUrl);
    expect(url.origin).toBe(issuer);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('nonce')).toBeTruthy();
    expect(url.searchParams.get('redirect_uri')).toBe(APP_CALLBACK);

    const callback = await visitProvider(authorizationUrl, sub);
    const first = dataOf(await graphql(stack.gatewayUrl, FINISH, callback)).finishOidcSignIn;
    expect(first.session).toBeNull();
    expect(first.signUp).toMatchObject({ email: `${sub}@idp.example`, emailVerified: true });
    const ticket = first.signUp?.ticket ?? '';

    const username = uniqueId('oidc');
    const taken = await graphql(stack.gatewayUrl, COMPLETE, { ticket, username: 'x' });
    expect(errorOf(taken)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'username' });
    const created = dataOf(await graphql(stack.gatewayUrl, COMPLETE, { ticket, username }));
    const account = created.completeOidcSignUp;
    expect(account.user.username).toBe(username);
    const me = dataOf(await graphql(stack.gatewayUrl, ME, {}, { token: account.accessToken }));
    expect(me.me).toMatchObject({ email: `${sub}@idp.example`, emailVerified: true });
    expect(me.myLinkedProviders).toEqual([{ provider: 'testidp', email: `${sub}@idp.example` }]);
    expect(me.oidcProviders).toEqual(['testidp']);

    // The ticket works once.
    const again = await graphql(stack.gatewayUrl, COMPLETE, { ticket, username: uniqueId('o') });
    expect(errorOf(again)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'ticket' });

    // The next sign-in is a session of the same account.
    const later = dataOf(await signInAt(sub)).finishOidcSignIn;
    expect(later.signUp).toBeNull();
    expect(later.session?.user.id).toBe(account.user.id);
  });

  it('takes an email the provider does not vouch for as unverified', async () => {
    const sub = providerAccount({ email_verified: false });
    const { accessToken } = await signUp(sub);
    const me = dataOf(await graphql(stack.gatewayUrl, ME, {}, { token: accessToken }));
    expect(me.me.emailVerified).toBe(false);
  });

  it('refuses a wrong state, a replayed callback and a replayed code', async () => {
    const sub = providerAccount();
    const { authorizationUrl } = await startSignIn();
    const callback = await visitProvider(authorizationUrl, sub);

    const wrongState = await graphql(stack.gatewayUrl, FINISH, {
      ...callback,
      state: oidc.randomState(),
    });
    expect(errorOf(wrongState)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'state' });

    expect(
      dataOf(await graphql(stack.gatewayUrl, FINISH, callback)).finishOidcSignIn.signUp,
    ).toBeTruthy();
    // The same callback again: its state was used.
    const replayed = await graphql(stack.gatewayUrl, FINISH, callback);
    expect(errorOf(replayed)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'state' });
    // The used code with a fresh state: the provider refuses it (used, and another verifier).
    const fresh = await startSignIn();
    const replayedCode = await graphql(stack.gatewayUrl, FINISH, {
      code: callback.code,
      state: fresh.state,
      iss: callback.iss,
    });
    expect(errorOf(replayedCode)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'code' });
  });

  it('refuses an ID token issued for another client (audience), signed by the same provider', async () => {
    const sub = providerAccount();
    const { authorizationUrl } = await startSignIn();
    const nonce = new URL(authorizationUrl).searchParams.get('nonce') ?? '';
    // The other app gets a genuine ID token for the same person, with Flock's nonce.
    const other = await oidc.discovery(
      new URL(issuer),
      otherClient.id,
      otherClient.secret,
      undefined,
      {
        execute: [oidc.allowInsecureRequests],
      },
    );
    const verifier = oidc.randomPKCECodeVerifier();
    const otherState = oidc.randomState();
    const otherUrl = oidc.buildAuthorizationUrl(other, {
      redirect_uri: OTHER_CALLBACK,
      scope: 'openid email',
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state: otherState,
      nonce,
    });
    const otherCallback = await visitProvider(otherUrl.href, sub);
    const callbackUrl = new URL(OTHER_CALLBACK);
    for (const [k, v] of Object.entries(otherCallback)) if (v) callbackUrl.searchParams.set(k, v);
    const otherTokens = await oidc.authorizationCodeGrant(other, callbackUrl, {
      pkceCodeVerifier: verifier,
      expectedState: otherState,
      expectedNonce: nonce,
    });
    expect(otherTokens.claims()?.aud).toBe(otherClient.id);

    const callback = await visitProvider(authorizationUrl, sub);
    substituteIdToken = otherTokens.id_token;
    try {
      const refused = await graphql(stack.gatewayUrl, FINISH, callback);
      expect(errorOf(refused)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'code' });
    } finally {
      substituteIdToken = undefined;
    }
    const { rows } = await db.query('SELECT count(*) FROM oidc_identities WHERE subject = $1', [
      sub,
    ]);
    expect(Number(rows[0].count)).toBe(0);
  });

  it('never joins a provider account to an existing account by email, verified or not', async () => {
    const name = uniqueId('held');
    const email = `${name}@example.com`;
    const holder = dataOf(
      await graphql(stack.gatewayUrl, REGISTER, {
        input: { username: name, email, password: 'a long enough password' },
      }),
    ).register;
    for (const email_verified of [false, true]) {
      const sub = providerAccount({ email: email.toUpperCase(), email_verified });
      const refused = await signInAt(sub);
      expect(errorOf(refused)).toMatchObject({ code: 'CONFLICT', field: 'code' });
    }
    const me = dataOf(await graphql(stack.gatewayUrl, ME, {}, { token: holder.accessToken }));
    expect(me.me.email).toBe(email);
    expect(me.myLinkedProviders).toEqual([]);
  });

  it('refuses an unknown provider', async () => {
    const unknown = await graphql(stack.gatewayUrl, START, { p: 'nope' });
    expect(errorOf(unknown)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'provider' });
  });
});

describe('linking providers', () => {
  it('links and unlinks a provider to a password account, which then signs in with it', async () => {
    const name = uniqueId('linker');
    const member = dataOf(
      await graphql(stack.gatewayUrl, REGISTER, {
        input: { username: name, email: `${name}@example.com`, password: 'a long enough password' },
      }),
    ).register;
    const asMember = { token: member.accessToken };
    const sub = providerAccount();

    const start = await graphql(stack.gatewayUrl, START_LINK, { p: 'testidp' }, asMember);
    const callback = await visitProvider(dataOf(start).startOidcLink.authorizationUrl, sub);
    // A link's callback is no sign-in.
    const notSignIn = await graphql(stack.gatewayUrl, FINISH, callback);
    expect(errorOf(notSignIn)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'state' });

    const again = await graphql(stack.gatewayUrl, START_LINK, { p: 'testidp' }, asMember);
    const linkCallback = await visitProvider(dataOf(again).startOidcLink.authorizationUrl, sub);
    const linked = await graphql(stack.gatewayUrl, FINISH_LINK, linkCallback, asMember);
    expect(dataOf(linked).finishOidcLink).toEqual([
      { provider: 'testidp', email: `${sub}@idp.example` },
    ]);
    const signedIn = dataOf(await signInAt(sub)).finishOidcSignIn;
    expect(signedIn.session?.user.id).toBe(member.user.id);

    // With a password left, the last provider may go.
    const unlinked = await graphql(stack.gatewayUrl, UNLINK, { p: 'testidp' }, asMember);
    expect(dataOf(unlinked).unlinkOidcProvider).toEqual([]);
    const gone = await graphql(stack.gatewayUrl, UNLINK, { p: 'testidp' }, asMember);
    expect(errorOf(gone)).toMatchObject({ code: 'NOT_FOUND', field: 'provider' });
  });

  it('keeps the last way to sign in, and one provider account links one Flock account', async () => {
    const sub = providerAccount();
    const { accessToken } = await signUp(sub);
    const last = await graphql(stack.gatewayUrl, UNLINK, { p: 'testidp' }, { token: accessToken });
    expect(errorOf(last)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'provider' });

    const name = uniqueId('other');
    const other = dataOf(
      await graphql(stack.gatewayUrl, REGISTER, {
        input: { username: name, email: `${name}@example.com`, password: 'a long enough password' },
      }),
    ).register;
    const start = await graphql(
      stack.gatewayUrl,
      START_LINK,
      { p: 'testidp' },
      { token: other.accessToken },
    );
    const callback = await visitProvider(dataOf(start).startOidcLink.authorizationUrl, sub);
    const taken = await graphql(stack.gatewayUrl, FINISH_LINK, callback, {
      token: other.accessToken,
    });
    expect(errorOf(taken)).toMatchObject({ code: 'CONFLICT', field: 'code' });
    const anonymous = await graphql(stack.gatewayUrl, START_LINK, { p: 'testidp' });
    expect(errorOf(anonymous).code).toBe('UNAUTHENTICATED');
  });
});
