import type { Viewer } from '@flock/auth';
import { isUuid, notFound, parseInput, unauthenticated } from '@flock/graphql';
import { uuidv7 } from 'uuidv7';
import { z } from 'zod';
import type { Prisma, PrismaClient, User } from '../generated/prisma/client';
import type { AccessTokenIssuer } from './access-tokens';
import { hashToken, randomToken, successorToken } from './secrets';
import { clientDescriptionOf } from './user-agent';
import { opaqueToken } from './validation';

/** What a sign-in, a registration or a refresh returns. */
export interface SignedIn {
  accessToken: string;
  accessTokenExpiresAt: Date;
  refreshToken: string;
  refreshTokenExpiresAt: Date;
  user: User;
}

/** A session as its owner sees it in mySessions. */
export interface SessionView {
  id: string;
  createdAt: Date;
  lastUsedAt: Date;
  client: string | null;
  current: boolean;
}

/** mySessions lists at most this many (the most recently used). */
const MAX_LISTED_SESSIONS = 100;

export interface IssuedRefreshToken {
  token: string;
  expiresAt: Date;
  /** The session. */
  familyId: string;
}

export interface SessionsDeps {
  prisma: PrismaClient;
  issueAccessToken: AccessTokenIssuer;
  /** Keys successor refresh tokens (see successorToken); identity's alone. */
  refreshTokenKey: Uint8Array;
  refreshTtlDays: number;
  /** A rotated token presented again this soon after its rotation gets the same successor. */
  reuseGraceSeconds: number;
}

type Tx = Prisma.TransactionClient;

const DAY_MS = 86_400_000;
const sessionId = z.string().trim().refine(isUuid, 'is not a valid session id');
const NO_SESSION = '00000000-0000-0000-0000-000000000000';
const INVALID = { outcome: 'invalid' } as const;
const ENDED = { outcome: 'ended' } as const;
const REUSED = { outcome: 'reused' } as const;

/**
 * Sessions (refresh-token families) as units. The session row is the one place a session is
 * revoked, and every rotation locks it first (SELECT ... FOR UPDATE) and checks it under the
 * lock: a logout, a password change or a reuse detection racing a rotation either commits
 * first (the rotation then sees the session revoked) or waits for the rotation and then
 * revokes the session its new token belongs to. Either way no token outlives its session.
 */
export class Sessions {
  constructor(private readonly deps: SessionsDeps) {}

  /**
   * Opens a session in the caller's transaction and issues its first (random) refresh token.
   * `userAgent`: how the client described itself, shown back in mySessions.
   */
  async start(tx: Tx, userId: string, userAgent?: string | null): Promise<IssuedRefreshToken> {
    const familyId = uuidv7();
    const now = new Date();
    await tx.session.create({
      data: {
        id: familyId,
        userId,
        createdAt: now,
        lastUsedAt: now,
        userAgent: userAgent || null,
      },
    });
    return this.insertToken(tx, userId, familyId, randomToken());
  }

  /** The payload of a session: its refresh token and a fresh access token. */
  async signedIn(user: User, refresh: IssuedRefreshToken): Promise<SignedIn> {
    const access = await this.deps.issueAccessToken(user.id, refresh.familyId);
    return {
      accessToken: access.token,
      accessTokenExpiresAt: access.expiresAt,
      refreshToken: refresh.token,
      refreshTokenExpiresAt: refresh.expiresAt,
      user,
    };
  }

  /**
   * Rotates a refresh token. Presented again within the grace window after its rotation (a
   * concurrent refresh), it gets the same successor; later, it was stolen or replayed, and
   * the session is revoked.
   */
  async refresh(rawToken: unknown): Promise<SignedIn> {
    const token = parseInput(opaqueToken, rawToken, 'refreshToken');
    const tokenHash = hashToken(token);
    const { prisma, refreshTokenKey, reuseGraceSeconds } = this.deps;
    const result = await prisma.$transaction(async (tx) => {
      const presented = await tx.refreshToken.findUnique({
        where: { tokenHash },
        select: { familyId: true },
      });
      if (!presented) return INVALID;
      const [session] = await tx.$queryRaw<{ revoked_at: Date | null }[]>`
        SELECT revoked_at FROM sessions WHERE id = ${presented.familyId}::uuid FOR UPDATE`;
      if (!session || session.revoked_at) return ENDED;
      // Read again under the lock: a concurrent rotation may have just rotated it.
      const current = await tx.refreshToken.findUnique({
        where: { tokenHash },
        include: { user: true },
      });
      const now = new Date();
      if (!current || current.expiresAt <= now) return INVALID;
      const successor = successorToken(refreshTokenKey, token);
      if (!current.rotatedAt) {
        await tx.refreshToken.update({ where: { id: current.id }, data: { rotatedAt: now } });
        await tx.session.update({ where: { id: current.familyId }, data: { lastUsedAt: now } });
        const refresh = await this.insertToken(tx, current.userId, current.familyId, successor);
        return { outcome: 'rotated', user: current.user, refresh } as const;
      }
      if (now.getTime() - current.rotatedAt.getTime() <= reuseGraceSeconds * 1000) {
        const issued = await tx.refreshToken.findUnique({
          where: { tokenHash: hashToken(successor) },
        });
        // Missing only if the refresh-token key changed since the rotation: refuse, no revocation.
        if (!issued || issued.familyId !== current.familyId) return INVALID;
        const refresh = {
          token: successor,
          expiresAt: issued.expiresAt,
          familyId: issued.familyId,
        };
        return { outcome: 'rotated', user: current.user, refresh } as const;
      }
      await tx.session.update({ where: { id: current.familyId }, data: { revokedAt: now } });
      return REUSED;
    });
    switch (result.outcome) {
      case 'invalid':
        throw unauthenticated('Refresh token is invalid or expired');
      case 'ended':
        throw unauthenticated('The session has ended');
      case 'reused':
        throw unauthenticated('Refresh token was already used; the session has been ended');
      default:
        return this.signedIn(result.user, result.refresh);
    }
  }

  /** Ends the session of the given refresh token, or else the caller's current session. */
  async logout(viewer: Viewer | null, rawToken: unknown): Promise<boolean> {
    const { prisma } = this.deps;
    if (rawToken === null || rawToken === undefined) {
      if (!viewer) throw unauthenticated();
      if (!isUuid(viewer.sessionId)) return true;
      await prisma.$executeRaw`
        UPDATE sessions SET revoked_at = now()
        WHERE id = ${viewer.sessionId}::uuid AND user_id = ${viewer.id}::uuid
          AND revoked_at IS NULL`;
      return true;
    }
    const token = parseInput(opaqueToken, rawToken, 'refreshToken');
    const record = await prisma.refreshToken.findUnique({
      where: { tokenHash: hashToken(token) },
      select: { familyId: true },
    });
    if (!record) throw unauthenticated('Refresh token is invalid');
    await prisma.$executeRaw`
      UPDATE sessions SET revoked_at = now()
      WHERE id = ${record.familyId}::uuid AND revoked_at IS NULL`;
    return true;
  }

  /**
   * The viewer's sessions that can still refresh: not revoked, and used (signed in or
   * refreshed) within the refresh-token lifetime, so their last token has not expired.
   */
  async list(viewer: Viewer): Promise<SessionView[]> {
    const activeSince = new Date(Date.now() - this.deps.refreshTtlDays * DAY_MS);
    const rows = await this.deps.prisma.session.findMany({
      where: { userId: viewer.id, revokedAt: null, lastUsedAt: { gt: activeSince } },
      orderBy: [{ lastUsedAt: 'desc' }, { id: 'desc' }],
      take: MAX_LISTED_SESSIONS,
    });
    return rows.map((row) => ({
      id: row.id,
      createdAt: row.createdAt,
      lastUsedAt: row.lastUsedAt,
      client: clientDescriptionOf(row.userAgent),
      current: row.id === viewer.sessionId,
    }));
  }

  /**
   * Ends one of the viewer's sessions (the refresh path checks `revoked_at` under the
   * session's lock, so a concurrent rotation cannot outlive it). Another user's session is
   * NOT_FOUND, exactly like an id that does not exist.
   */
  async revoke(viewer: Viewer, rawId: unknown): Promise<boolean> {
    const id = parseInput(sessionId, rawId, 'id');
    const { prisma } = this.deps;
    const ended = await prisma.$executeRaw`
      UPDATE sessions SET revoked_at = COALESCE(revoked_at, now())
      WHERE id = ${id}::uuid AND user_id = ${viewer.id}::uuid`;
    if (ended === 0) throw notFound('Session', 'id');
    return true;
  }

  /** Ends every session of the viewer but the current one; how many were ended. */
  async revokeAllOthers(viewer: Viewer): Promise<number> {
    return this.deps.prisma.$transaction((tx) =>
      this.revokeOthers(tx, viewer.id, viewer.sessionId),
    );
  }

  /** Revokes every session of a user, in the caller's transaction; how many. */
  revokeAll(tx: Tx, userId: string): Promise<number> {
    return this.revokeOthers(tx, userId, NO_SESSION);
  }

  /** Revokes every session of a user but one, in the caller's transaction; how many. */
  async revokeOthers(tx: Tx, userId: string, keepSessionId: string): Promise<number> {
    const keep = isUuid(keepSessionId) ? keepSessionId : NO_SESSION;
    return tx.$executeRaw`
      UPDATE sessions SET revoked_at = now()
      WHERE user_id = ${userId}::uuid AND id <> ${keep}::uuid AND revoked_at IS NULL`;
  }

  private async insertToken(
    tx: Tx,
    userId: string,
    familyId: string,
    token: string,
  ): Promise<IssuedRefreshToken> {
    const expiresAt = new Date(Date.now() + this.deps.refreshTtlDays * DAY_MS);
    await tx.refreshToken.create({
      data: { id: uuidv7(), familyId, userId, tokenHash: hashToken(token), expiresAt },
    });
    return { token, expiresAt, familyId };
  }
}
