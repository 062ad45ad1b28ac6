import type { EmailTokenCipher, Viewer } from '@flock/auth';
import { outboxRowOf } from '@flock/db';
import { createEnvelope, userRegistered } from '@flock/events';
import { badUserInput, ErrorCode, notFound, parseInput, serviceUnavailable } from '@flock/graphql';
import type { Logger } from '@flock/logger';
import { GraphQLError } from 'graphql';
import * as oidc from 'openid-client';
import { uuidv7 } from 'uuidv7';
import { z } from 'zod';
import { Prisma, type PrismaClient } from '../generated/prisma/client';
import type { Caller } from './accounts';
import type { ClientLimit } from './credential-throttle';
import type { OidcProviderConfig } from './oidc-providers';
import { hashToken, randomToken } from './secrets';
import type { Sessions, SignedIn } from './sessions';
import { username as usernameRule } from './validation';

export interface OidcSignInDeps {
  prisma: PrismaClient;
  sessions: Sessions;
  emailTokens: EmailTokenCipher;
  providers: OidcProviderConfig[];
  /** Registrations per client address (the one register uses). */
  registrationLimit: ClientLimit;
  /** How long an authorization may take, start to callback. */
  authorizationTtlSeconds: number;
  signUpTtlMinutes: number;
  verificationTtlHours: number;
  logger?: Logger;
  onOutboxWrite?: () => void;
}

export interface OidcSignInResult {
  session?: SignedIn;
  signUp?: {
    ticket: string;
    email: string;
    emailVerified: boolean;
    suggestedUsername: string | null;
    expiresAt: Date;
  };
}

export interface LinkedProvider {
  provider: string;
  email: string | null;
  linkedAt: Date;
}

const stateRule = z.string().trim().min(1, 'is required').max(200);
const codeRule = z.string().trim().min(1, 'is required').max(2048);
const ticketRule = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_-]{20,200}$/, 'is not a valid ticket');

const conflict = (message: string, field: string) =>
  new GraphQLError(message, { extensions: { code: ErrorCode.CONFLICT, field } });
const badState = () =>
  badUserInput({ field: 'state', message: 'is unknown, expired or was already used' });

interface PendingAuthorization {
  provider: string;
  code_verifier: string;
  nonce: string;
  link_user_id: string | null;
  expires_at: Date;
}

/**
 * Sign-in with OpenID Connect providers: the authorization code flow with PKCE (S256), state
 * and nonce. What a callback must match is kept here (Postgres), single use and short-lived;
 * the code is exchanged by openid-client, which checks the ID token's issuer, audience,
 * expiry and nonce, and (non-repudiation checks on) its signature against the provider's JWKS.
 */
export class OidcSignIn {
  private readonly providers: Map<string, OidcProviderConfig>;
  private readonly configurations = new Map<string, Promise<oidc.Configuration>>();

  constructor(private readonly deps: OidcSignInDeps) {
    this.providers = new Map(deps.providers.map((p) => [p.name, p]));
  }

  providerNames(): string[] {
    return [...this.providers.keys()];
  }

  /** The provider's authorization URL for a sign-in (or, with `linkTo`, a link). */
  async start(
    rawProvider: unknown,
    linkTo: Viewer | null,
  ): Promise<{ authorizationUrl: string; state: string }> {
    const provider = this.provider(rawProvider);
    const config = await this.configuration(provider);
    const codeVerifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    await this.deps.prisma.oidcAuthorization.create({
      data: {
        stateHash: hashToken(state),
        provider: provider.name,
        codeVerifier,
        nonce,
        linkUserId: linkTo?.id ?? null,
        expiresAt: new Date(Date.now() + this.deps.authorizationTtlSeconds * 1000),
      },
    });
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: provider.redirectUri,
      scope: provider.scope,
      code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    return { authorizationUrl: url.href, state };
  }

  /**
   * The callback of a sign-in: the session of the linked account, else a sign-up ticket for
   * completeOidcSignUp. A provider account whose email an existing account has is never
   * joined to it here (verified or not): CONFLICT; the owner signs in and links instead.
   */
  async finishSignIn(
    rawState: unknown,
    rawCode: unknown,
    rawIss: unknown,
    caller: Caller,
  ): Promise<OidcSignInResult> {
    const { provider, claims } = await this.exchange(rawState, rawCode, rawIss, null);
    const { prisma, sessions } = this.deps;
    const linked = await prisma.oidcIdentity.findUnique({
      where: { provider_subject: { provider: provider.name, subject: claims.sub } },
      include: { user: true },
    });
    if (linked) {
      const refresh = await prisma.$transaction((tx) =>
        sessions.start(tx, linked.userId, caller.userAgent),
      );
      return { session: await sessions.signedIn(linked.user, refresh) };
    }
    const email = emailOf(claims);
    if (!email) {
      throw badUserInput({ field: 'code', message: 'the provider gave no email address' });
    }
    const holder = await prisma.user.findUnique({ where: { email }, select: { id: true } });
    if (holder) {
      throw conflict(
        'An account already has this email address: sign in to it, then link this provider',
        'code',
      );
    }
    const ticket = randomToken();
    const expiresAt = new Date(Date.now() + this.deps.signUpTtlMinutes * 60_000);
    const emailVerified = claims.email_verified === true;
    await prisma.oidcSignUp.create({
      data: {
        ticketHash: hashToken(ticket),
        provider: provider.name,
        subject: claims.sub,
        email,
        emailVerified,
        displayName: typeof claims.name === 'string' ? claims.name.slice(0, 50) : null,
        expiresAt,
      },
    });
    return {
      signUp: {
        ticket,
        email,
        emailVerified,
        suggestedUsername: suggestedUsername(claims, email),
        expiresAt,
      },
    };
  }

  /**
   * A first sign-in becomes an account with the chosen username, signed in, linked to the
   * provider account. The email is verified only when the provider said so; otherwise the
   * welcome email carries a verification link, as after register. It has no password: one
   * can be set through requestPasswordReset.
   */
  async completeSignUp(
    rawTicket: unknown,
    rawUsername: unknown,
    caller: Caller,
  ): Promise<SignedIn> {
    const ticket = parseInput(ticketRule, rawTicket, 'ticket');
    const username = parseInput(usernameRule, rawUsername, 'username');
    const { prisma, sessions } = this.deps;
    const ticketHash = hashToken(ticket);
    const pending = await prisma.oidcSignUp.findUnique({ where: { ticketHash } });
    if (!pending || pending.expiresAt <= new Date()) {
      throw badUserInput({ field: 'ticket', message: 'is unknown, expired or was already used' });
    }
    await this.deps.registrationLimit(caller.client);
    const taken = await prisma.user.findUnique({ where: { username }, select: { id: true } });
    if (taken) throw badUserInput({ field: 'username', message: 'is already taken' });

    const userId = uuidv7();
    const now = new Date();
    const token = randomToken();
    const verificationExpiresAt = new Date(
      now.getTime() + this.deps.verificationTtlHours * 3_600_000,
    );
    const envelope = createEnvelope(
      userRegistered,
      {
        userId,
        username,
        displayName: pending.displayName,
        email: pending.email,
        registeredAt: now.toISOString(),
        emailVerification: {
          encryptedToken: await this.deps.emailTokens.seal(token),
          expiresAt: verificationExpiresAt.toISOString(),
        },
      },
      { source: 'identity', correlationId: caller.correlationId },
    );
    try {
      const { user, refresh } = await prisma.$transaction(async (tx) => {
        const used = await tx.oidcSignUp.deleteMany({ where: { ticketHash } });
        if (used.count === 0) {
          throw badUserInput({
            field: 'ticket',
            message: 'is unknown, expired or was already used',
          });
        }
        const user = await tx.user.create({
          data: {
            id: userId,
            username,
            email: pending.email,
            displayName: pending.displayName,
            passwordHash: null,
            emailVerifiedAt: pending.emailVerified ? now : null,
            createdAt: now,
          },
        });
        await tx.oidcIdentity.create({
          data: {
            id: uuidv7(),
            userId,
            provider: pending.provider,
            subject: pending.subject,
            email: pending.email,
          },
        });
        await tx.emailVerification.create({
          data: {
            id: uuidv7(),
            userId,
            email: pending.email,
            tokenHash: hashToken(token),
            expiresAt: verificationExpiresAt,
          },
        });
        await tx.outboxEvent.create({ data: outboxRowOf(envelope) });
        const refresh = await sessions.start(tx, userId, caller.userAgent);
        return { user, refresh };
      });
      this.deps.onOutboxWrite?.();
      return sessions.signedIn(user, refresh);
    } catch (error) {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
        const target = String(error.meta?.target ?? '');
        if (target.includes('email')) {
          throw conflict('An account already has this email address', 'ticket');
        }
        if (target.includes('provider')) {
          throw conflict('This provider account already has a Flock account', 'ticket');
        }
        throw badUserInput({ field: 'username', message: 'is already taken' });
      }
      throw error;
    }
  }

  /** The callback of a link (startOidcLink) for the signed-in viewer: their linked providers. */
  async finishLink(
    viewer: Viewer,
    rawState: unknown,
    rawCode: unknown,
    rawIss: unknown,
  ): Promise<LinkedProvider[]> {
    const { provider, claims } = await this.exchange(rawState, rawCode, rawIss, viewer.id);
    const { prisma } = this.deps;
    const where = { provider_subject: { provider: provider.name, subject: claims.sub } };
    const existing = await prisma.oidcIdentity.findUnique({ where });
    if (existing && existing.userId !== viewer.id) {
      throw conflict('This provider account is linked to another Flock account', 'code');
    }
    if (!existing) {
      try {
        await prisma.oidcIdentity.create({
          data: {
            id: uuidv7(),
            userId: viewer.id,
            provider: provider.name,
            subject: claims.sub,
            email: emailOf(claims),
          },
        });
      } catch (error) {
        if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
          throw conflict('This provider account is linked to another Flock account', 'code');
        }
        throw error;
      }
    }
    return this.linked(viewer);
  }

  async linked(viewer: Viewer): Promise<LinkedProvider[]> {
    const rows = await this.deps.prisma.oidcIdentity.findMany({
      where: { userId: viewer.id },
      orderBy: { createdAt: 'asc' },
      take: 100,
    });
    return rows.map((r) => ({ provider: r.provider, email: r.email, linkedAt: r.createdAt }));
  }

  /**
   * Unlinks every account of that provider from the viewer's, unless it would leave no way
   * to sign in (no password and no other provider): BAD_USER_INPUT; set a password first
   * (requestPasswordReset).
   */
  async unlink(viewer: Viewer, rawProvider: unknown): Promise<LinkedProvider[]> {
    const name = parseInput(z.string().trim().min(1).max(30), rawProvider, 'provider');
    await this.deps.prisma.$transaction(async (tx) => {
      // Serialises unlinks (and password resets) of one account: two concurrent unlinks of
      // its last two providers cannot both pass the check.
      const [user] = await tx.$queryRaw<{ password_hash: string | null }[]>`
        SELECT password_hash FROM users WHERE id = ${viewer.id}::uuid FOR UPDATE`;
      if (!user) throw notFound('User');
      const links = await tx.oidcIdentity.findMany({ where: { userId: viewer.id } });
      const removed = links.filter((l) => l.provider === name);
      if (removed.length === 0) throw notFound('Linked provider', 'provider');
      if (user.password_hash === null && removed.length === links.length) {
        throw badUserInput({
          field: 'provider',
          message: 'is your only way to sign in: set a password first (requestPasswordReset)',
        });
      }
      await tx.oidcIdentity.deleteMany({ where: { userId: viewer.id, provider: name } });
    });
    return this.linked(viewer);
  }

  private provider(rawName: unknown): OidcProviderConfig {
    const name = parseInput(z.string().trim().min(1).max(30), rawName, 'provider');
    const provider = this.providers.get(name);
    if (!provider)
      throw badUserInput({ field: 'provider', message: 'is not a configured provider' });
    return provider;
  }

  /** The provider's metadata (discovery), read once; a failed read is tried again next time. */
  private configuration(provider: OidcProviderConfig): Promise<oidc.Configuration> {
    let config = this.configurations.get(provider.name);
    if (!config) {
      const issuer = new URL(provider.issuer);
      // Plain HTTP only to a provider on this machine (development, tests).
      const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(issuer.hostname);
      config = oidc
        .discovery(
          issuer,
          provider.clientId,
          provider.clientSecret,
          undefined,
          loopback && issuer.protocol === 'http:'
            ? { execute: [oidc.allowInsecureRequests], timeout: 5 }
            : { timeout: 5 },
        )
        .then((c) => {
          oidc.enableNonRepudiationChecks(c);
          return c;
        });
      this.configurations.set(provider.name, config);
      config.catch((error) => {
        this.configurations.delete(provider.name);
        this.deps.logger?.warn({ err: error, provider: provider.name }, 'OIDC discovery failed');
      });
    }
    return config.catch(() => {
      throw serviceUnavailable(`The ${provider.name} sign-in provider`);
    });
  }

  /**
   * Takes the pending authorization the state names (deleted: a replayed callback finds
   * nothing), and trades the code for tokens with the PKCE verifier. `linkUserId`: whose link
   * this must be (null for a sign-in).
   */
  private async exchange(
    rawState: unknown,
    rawCode: unknown,
    rawIss: unknown,
    linkUserId: string | null,
  ) {
    const state = parseInput(stateRule, rawState, 'state');
    const code = parseInput(codeRule, rawCode, 'code');
    const iss = rawIss == null ? null : parseInput(z.string().max(500), rawIss, 'iss');
    const [pending] = await this.deps.prisma.$queryRaw<PendingAuthorization[]>`
      DELETE FROM oidc_authorizations WHERE state_hash = ${hashToken(state)}
      RETURNING provider, code_verifier, nonce, link_user_id, expires_at`;
    if (!pending || pending.expires_at <= new Date() || pending.link_user_id !== linkUserId) {
      throw badState();
    }
    const provider = this.providers.get(pending.provider);
    if (!provider) throw badState();
    const config = await this.configuration(provider);
    const callback = new URL(provider.redirectUri);
    callback.searchParams.set('code', code);
    callback.searchParams.set('state', state);
    if (iss) callback.searchParams.set('iss', iss);
    try {
      const tokens = await oidc.authorizationCodeGrant(config, callback, {
        pkceCodeVerifier: pending.code_verifier,
        expectedState: state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
      const idToken = tokens.claims();
      if (!idToken) throw new Error('no ID token');
      // Providers that follow OIDC Core strictly put the profile claims (email...) in the
      // UserInfo response only, when an access token was issued: ask it for them there.
      if (idToken.email === undefined && tokens.access_token) {
        const info = await oidc.fetchUserInfo(config, tokens.access_token, idToken.sub);
        return { provider, claims: { ...info, ...idToken } as oidc.IDToken };
      }
      return { provider, claims: idToken };
    } catch (error) {
      this.deps.logger?.info({ err: error, provider: provider.name }, 'OIDC callback refused');
      if (
        error instanceof oidc.ResponseBodyError ||
        error instanceof oidc.AuthorizationResponseError
      ) {
        throw badUserInput({ field: 'code', message: 'was refused by the provider' });
      }
      if (error instanceof TypeError || (error as Error)?.name === 'AbortError') {
        throw serviceUnavailable(`The ${provider.name} sign-in provider`);
      }
      throw badUserInput({ field: 'code', message: "the provider's answer did not verify" });
    }
  }
}

function emailOf(claims: oidc.IDToken): string | null {
  return typeof claims.email === 'string' && claims.email.includes('@')
    ? claims.email.trim().toLowerCase()
    : null;
}

/** A username to offer: the provider's preferred_username, else the email's local part. */
function suggestedUsername(claims: oidc.IDToken, email: string): string | null {
  const raw = typeof claims.preferred_username === 'string' ? claims.preferred_username : email;
  const candidate = raw
    .split('@')[0]
    ?.toLowerCase()
    .replace(/[^a-z0-9_]/g, '_')
    .slice(0, 30);
  return candidate && candidate.length >= 3 ? candidate : null;
}
