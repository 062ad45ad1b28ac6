import type { Viewer } from '@flock/auth';
import { outboxRowOf } from '@flock/db';
import { accountDeleted, createEnvelope } from '@flock/events';
import { badUserInput, parseInput, unauthenticated } from '@flock/graphql';
import type { AccountsDeps, Caller } from './accounts';
import { verifyPassword } from './passwords';
import { currentPassword } from './validation';

/**
 * Without a password, a session signed in this recently counts as proof that the owner is at
 * the keyboard ("recent sign-in"), for accounts that sign in another way (OpenID Connect).
 */
export const RECENT_SIGN_IN_MS = 5 * 60_000;

/**
 * Deletes the viewer's account. Proof: the current password (throttled as changePassword's,
 * sharing its per-account budget), or, when none is given, a session signed in within
 * RECENT_SIGN_IN_MS. One transaction removes the user (sessions, refresh tokens and
 * verification links cascade: the username and email are free at once) and writes
 * identity.account-deleted.v1 to the outbox; the other services remove the rest from it.
 */
export async function deleteAccount(
  deps: AccountsDeps,
  viewer: Viewer,
  rawPassword: unknown,
  caller: Caller,
): Promise<boolean> {
  const { prisma } = deps;
  const password =
    rawPassword == null ? null : parseInput(currentPassword, rawPassword, 'password');
  const user = await prisma.user.findUnique({ where: { id: viewer.id } });
  if (!user) throw unauthenticated('The account of this token no longer exists');
  if (password === null) {
    const session = await prisma.session.findUnique({ where: { id: viewer.sessionId } });
    const recent =
      session?.userId === user.id &&
      !session.revokedAt &&
      Date.now() - session.createdAt.getTime() <= RECENT_SIGN_IN_MS;
    if (!recent) {
      throw badUserInput({
        field: 'password',
        message: 'is required unless you signed in within the last 5 minutes',
      });
    }
  } else {
    const attempt = await deps.passwordChangeThrottle.begin(`user:${user.id}`, caller.client);
    if (!(await verifyPassword(user.passwordHash, password))) {
      throw badUserInput({ field: 'password', message: 'is incorrect' });
    }
    await attempt.succeeded();
  }
  const envelope = createEnvelope(
    accountDeleted,
    {
      userId: user.id,
      username: user.username,
      displayName: user.displayName,
      email: user.email,
      deletedAt: new Date().toISOString(),
    },
    { source: 'identity', correlationId: caller.correlationId },
  );
  await prisma.$transaction(async (tx) => {
    // A concurrent deletion of the same account won: this one publishes nothing.
    const removed = await tx.user.deleteMany({ where: { id: user.id } });
    if (removed.count !== 1) throw unauthenticated('The account of this token no longer exists');
    await tx.outboxEvent.create({ data: outboxRowOf(envelope) });
  });
  deps.onOutboxWrite?.();
  deps.logger?.info({ userId: user.id }, 'account deleted');
  return true;
}
