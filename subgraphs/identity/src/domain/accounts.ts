import type { EmailTokenCipher, Viewer } from '@flock/auth';
import { outboxRowOf } from '@flock/db';
import { createEnvelope, userRegistered } from '@flock/events';
import { badUserInput, parseInput, requireFound, unauthenticated } from '@flock/graphql';
import { uuidv7 } from 'uuidv7';
import { Prisma, type PrismaClient, type User } from '../generated/prisma/client';
import type { AccessTokenIssuer } from './access-tokens';
import type { LoginLimiter } from './login-limiter';
import { hashPassword, needsRehash, verifyPassword } from './passwords';
import { hashToken, randomToken } from './secrets';
import {
  loginInput,
  opaqueToken,
  password as passwordRule,
  registerInput,
  updateProfileInput,
} from './validation';

export interface Session {
  accessToken: string;
  accessTokenExpiresAt: Date;
  refreshToken: string;
  refreshTokenExpiresAt: Date;
  user: User;
}

export interface AccountsDeps {
  prisma: PrismaClient;
  issueAccessToken: AccessTokenIssuer;
  emailTokens: EmailTokenCipher;
  loginLimiter: LoginLimiter;
  refreshTtlDays: number;
  verificationTtlHours: number;
  /** Called after a transaction that wrote to the outbox has committed. */
  onOutboxWrite?: () => void;
}

type Tx = Prisma.TransactionClient;

interface IssuedRefreshToken {
  token: string;
  expiresAt: Date;
  familyId: string;
}

const INVALID_CREDENTIALS = 'Invalid login or password';
const DAY_MS = 86_400_000;

/** The account rules: registration, sessions, profile, password, email verification. */
export class Accounts {
  constructor(private readonly deps: AccountsDeps) {}

  /** `correlationId`: the request's, carried by the user-registered event. */
  async register(rawInput: unknown, correlationId?: string): Promise<Session> {
    const input = parseInput(registerInput, rawInput, 'input');
    const { prisma } = this.deps;
    const taken = await prisma.user.findMany({
      where: { OR: [{ username: input.username }, { email: input.email }] },
      select: { username: true, email: true },
    });
    assertAvailable(taken, input);

    const passwordHash = await hashPassword(input.password);
    const userId = uuidv7();
    const verificationToken = randomToken();
    const verificationExpiresAt = new Date(Date.now() + this.deps.verificationTtlHours * 3_600_000);
    const now = new Date();
    const envelope = createEnvelope(
      userRegistered,
      {
        userId,
        username: input.username,
        displayName: input.displayName,
        email: input.email,
        registeredAt: now.toISOString(),
        emailVerification: {
          encryptedToken: await this.deps.emailTokens.seal(verificationToken),
          expiresAt: verificationExpiresAt.toISOString(),
        },
      },
      { source: 'identity', correlationId },
    );

    try {
      const { user, refresh } = await prisma.$transaction(async (tx) => {
        const user = await tx.user.create({
          data: {
            id: userId,
            username: input.username,
            email: input.email,
            displayName: input.displayName,
            passwordHash,
            createdAt: now,
          },
        });
        await tx.emailVerification.create({
          data: {
            id: uuidv7(),
            userId,
            email: input.email,
            tokenHash: hashToken(verificationToken),
            expiresAt: verificationExpiresAt,
          },
        });
        await tx.outboxEvent.create({ data: outboxRowOf(envelope) });
        const refresh = await this.createRefreshToken(tx, userId, uuidv7());
        return { user, refresh };
      });
      this.deps.onOutboxWrite?.();
      return this.session(user, refresh);
    } catch (error) {
      // Lost a race with a concurrent registration of the same name or email.
      if (isUniqueViolation(error)) {
        assertAvailable(
          await prisma.user.findMany({
            where: { OR: [{ username: input.username }, { email: input.email }] },
            select: { username: true, email: true },
          }),
          input,
        );
      }
      throw error;
    }
  }

  async login(rawInput: unknown): Promise<Session> {
    const input = parseInput(loginInput, rawInput, 'input');
    const { prisma, loginLimiter } = this.deps;
    await loginLimiter.assertAllowed(input.login);
    const user = await prisma.user.findUnique({
      where: input.login.includes('@') ? { email: input.login } : { username: input.login },
    });
    if (!(await verifyPassword(user?.passwordHash, input.password)) || !user) {
      await loginLimiter.recordFailure(input.login);
      throw unauthenticated(INVALID_CREDENTIALS);
    }
    await loginLimiter.reset(input.login);
    if (needsRehash(user.passwordHash)) {
      await prisma.user.update({
        where: { id: user.id },
        data: { passwordHash: await hashPassword(input.password) },
      });
    }
    const refresh = await this.createRefreshToken(prisma, user.id, uuidv7());
    return this.session(user, refresh);
  }

  /**
   * Rotates a refresh token. Presenting one that was already rotated means it was stolen
   * or replayed: the whole family (that login's session) is revoked.
   */
  async refresh(rawToken: unknown): Promise<Session> {
    const token = parseInput(opaqueToken, rawToken, 'refreshToken');
    const { prisma } = this.deps;
    const outcome = await prisma.$transaction(async (tx) => {
      const current = await tx.refreshToken.findUnique({
        where: { tokenHash: hashToken(token) },
        include: { user: true },
      });
      if (!current || current.revokedAt || current.expiresAt <= new Date())
        return 'invalid' as const;
      if (current.rotatedAt) return { reused: current.familyId };
      const claimed = await tx.refreshToken.updateMany({
        where: { id: current.id, rotatedAt: null, revokedAt: null },
        data: { rotatedAt: new Date() },
      });
      if (claimed.count === 0) return { reused: current.familyId };
      const refresh = await this.createRefreshToken(tx, current.userId, current.familyId);
      return { user: current.user, refresh };
    });
    if (outcome === 'invalid') throw unauthenticated('Refresh token is invalid or expired');
    if ('reused' in outcome) {
      await this.revokeFamilies({ familyId: outcome.reused });
      throw unauthenticated('Refresh token was already used; the session has been ended');
    }
    return this.session(outcome.user, outcome.refresh);
  }

  /** Ends the session of the given refresh token, or else the caller's current session. */
  async logout(viewer: Viewer | null, rawToken: unknown): Promise<boolean> {
    if (rawToken === null || rawToken === undefined) {
      if (!viewer) throw unauthenticated();
      await this.revokeFamilies({ familyId: viewer.sessionId });
      return true;
    }
    const token = parseInput(opaqueToken, rawToken, 'refreshToken');
    const record = await this.deps.prisma.refreshToken.findUnique({
      where: { tokenHash: hashToken(token) },
    });
    if (!record) throw unauthenticated('Refresh token is invalid');
    await this.revokeFamilies({ familyId: record.familyId });
    return true;
  }

  async updateProfile(viewer: Viewer, rawInput: unknown): Promise<User> {
    const input = parseInput(updateProfileInput, rawInput, 'input');
    return this.deps.prisma.user.update({ where: { id: viewer.id }, data: input });
  }

  async changePassword(viewer: Viewer, current: string, next: unknown): Promise<boolean> {
    const newPassword = parseInput(passwordRule, next, 'newPassword');
    const { prisma } = this.deps;
    const user = requireFound(await prisma.user.findUnique({ where: { id: viewer.id } }), 'User');
    if (!(await verifyPassword(user.passwordHash, current))) {
      throw badUserInput({ field: 'currentPassword', message: 'is incorrect' });
    }
    const passwordHash = await hashPassword(newPassword);
    await prisma.$transaction(async (tx) => {
      await tx.user.update({ where: { id: user.id }, data: { passwordHash } });
      await this.revokeFamilies({ userId: user.id, familyId: { not: viewer.sessionId } }, tx);
    });
    return true;
  }

  async verifyEmail(rawToken: unknown): Promise<User> {
    const token = parseInput(opaqueToken, rawToken, 'token');
    const { prisma } = this.deps;
    const now = new Date();
    return prisma.$transaction(async (tx) => {
      const record = await tx.emailVerification.findUnique({
        where: { tokenHash: hashToken(token) },
        include: { user: true },
      });
      if (!record || record.usedAt || record.email !== record.user.email) {
        throw badUserInput({ field: 'token', message: 'is invalid or was already used' });
      }
      if (record.expiresAt <= now) throw badUserInput({ field: 'token', message: 'has expired' });
      await tx.emailVerification.update({ where: { id: record.id }, data: { usedAt: now } });
      return tx.user.update({ where: { id: record.userId }, data: { emailVerifiedAt: now } });
    });
  }

  async byIds(ids: readonly string[]): Promise<(User | null)[]> {
    const valid = ids.filter(isUuid);
    const users = valid.length
      ? await this.deps.prisma.user.findMany({ where: { id: { in: [...valid] } } })
      : [];
    const byId = new Map(users.map((u) => [u.id, u]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  byUsername(username: string): Promise<User | null> {
    return this.deps.prisma.user.findUnique({ where: { username: username.trim().toLowerCase() } });
  }

  private async createRefreshToken(
    tx: Tx,
    userId: string,
    familyId: string,
  ): Promise<IssuedRefreshToken> {
    const token = randomToken();
    const expiresAt = new Date(Date.now() + this.deps.refreshTtlDays * DAY_MS);
    await tx.refreshToken.create({
      data: { id: uuidv7(), familyId, userId, tokenHash: hashToken(token), expiresAt },
    });
    return { token, expiresAt, familyId };
  }

  private async revokeFamilies(where: Prisma.RefreshTokenWhereInput, tx: Tx = this.deps.prisma) {
    await tx.refreshToken.updateMany({
      where: { ...where, revokedAt: null },
      data: { revokedAt: new Date() },
    });
  }

  private async session(user: User, refresh: IssuedRefreshToken): Promise<Session> {
    const access = await this.deps.issueAccessToken(user.id, refresh.familyId);
    return {
      accessToken: access.token,
      accessTokenExpiresAt: access.expiresAt,
      refreshToken: refresh.token,
      refreshTokenExpiresAt: refresh.expiresAt,
      user,
    };
  }
}

function assertAvailable(
  taken: { username: string; email: string }[],
  input: { username: string; email: string },
): void {
  const problems = [];
  if (taken.some((u) => u.username === input.username)) {
    problems.push({ field: 'input.username', message: 'is already taken' });
  }
  if (taken.some((u) => u.email === input.email)) {
    problems.push({ field: 'input.email', message: 'is already registered' });
  }
  if (problems.length > 0) throw badUserInput(problems);
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
