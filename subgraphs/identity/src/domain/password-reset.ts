import type { EmailTokenCipher } from '@flock/auth';
import { outboxRowOf } from '@flock/db';
import { createEnvelope, passwordChanged, passwordResetRequested } from '@flock/events';
import { badUserInput, parseInput } from '@flock/graphql';
import type { Logger } from '@flock/logger';
import { uuidv7 } from 'uuidv7';
import type { PrismaClient } from '../generated/prisma/client';
import type { Caller } from './accounts';
import type { ClientLimit } from './credential-throttle';
import { hashPassword } from './passwords';
import { hashToken, randomToken } from './secrets';
import type { Sessions } from './sessions';
import { email as emailRule, opaqueToken, password as passwordRule } from './validation';

export interface PasswordResetsDeps {
  prisma: PrismaClient;
  sessions: Sessions;
  emailTokens: EmailTokenCipher;
  /** Requests per address asked for (keyed by its hash, registered or not). */
  perAddressLimit: ClientLimit;
  /** Requests per client address. */
  perClientLimit: ClientLimit;
  ttlMinutes: number;
  logger?: Logger;
  onOutboxWrite?: () => void;
}

export const invalidResetToken = () =>
  badUserInput({ field: 'token', message: 'is invalid or was already used' });
export const expiredResetToken = () => badUserInput({ field: 'token', message: 'has expired' });

/**
 * Password reset by email: a single-use link (the token stored as SHA-256, sealed for the
 * mailer on its way through Kafka) that sets a new password and ends every session.
 */
export class PasswordResets {
  constructor(private readonly deps: PasswordResetsDeps) {}

  /**
   * True whatever the address: registered or not, the answer and the limits are the same, so
   * the API tells nobody which addresses have accounts. Only the newest link of an account
   * works: a new request voids the earlier ones.
   */
  async request(rawEmail: unknown, caller: Caller): Promise<true> {
    const email = parseInput(emailRule, rawEmail, 'email');
    await this.deps.perClientLimit(caller.client);
    await this.deps.perAddressLimit(`address:${hashToken(email)}`);
    const { prisma } = this.deps;
    const user = await prisma.user.findUnique({ where: { email } });
    if (!user) return true;

    const token = randomToken();
    const now = new Date();
    const expiresAt = new Date(now.getTime() + this.deps.ttlMinutes * 60_000);
    const envelope = createEnvelope(
      passwordResetRequested,
      {
        userId: user.id,
        username: user.username,
        displayName: user.displayName,
        email,
        requestedAt: now.toISOString(),
        passwordReset: {
          encryptedToken: await this.deps.emailTokens.seal(token),
          expiresAt: expiresAt.toISOString(),
        },
      },
      { source: 'identity', correlationId: caller.correlationId },
    );
    await prisma.$transaction(async (tx) => {
      await tx.passwordReset.updateMany({
        where: { userId: user.id, usedAt: null },
        data: { usedAt: now },
      });
      await tx.passwordReset.create({
        data: { id: uuidv7(), userId: user.id, email, tokenHash: hashToken(token), expiresAt },
      });
      await tx.outboxEvent.create({ data: outboxRowOf(envelope) });
    });
    this.deps.onOutboxWrite?.();
    return true;
  }

  /**
   * Sets the password, ends every session of the account (access tokens already issued run
   * out on their own), voids the account's other reset links, and tells the owner by email.
   * The link proved the owner reads the address, so an unverified address becomes verified.
   */
  async reset(rawToken: unknown, rawPassword: unknown, caller: Caller): Promise<true> {
    const token = parseInput(opaqueToken, rawToken, 'token');
    const newPassword = parseInput(passwordRule, rawPassword, 'newPassword');
    const { prisma, sessions } = this.deps;
    const record = await prisma.passwordReset.findUnique({
      where: { tokenHash: hashToken(token) },
      include: { user: true },
    });
    // A link for an address the account no longer has is void.
    if (!record || record.usedAt || record.email !== record.user.email) throw invalidResetToken();
    if (record.expiresAt <= new Date()) throw expiredResetToken();

    const passwordHash = await hashPassword(newPassword);
    const { user } = record;
    const changedAt = new Date();
    const envelope = createEnvelope(
      passwordChanged,
      {
        userId: user.id,
        username: user.username,
        displayName: user.displayName,
        email: record.email,
        changedAt: changedAt.toISOString(),
        reason: 'reset' as const,
      },
      { source: 'identity', correlationId: caller.correlationId },
    );
    await prisma.$transaction(async (tx) => {
      // Claimed under the row lock: of two concurrent uses, one finds it used.
      const claimed = await tx.passwordReset.updateMany({
        where: { id: record.id, usedAt: null, expiresAt: { gt: changedAt } },
        data: { usedAt: changedAt },
      });
      if (claimed.count === 0) throw invalidResetToken();
      const changed = await tx.user.updateMany({
        where: { id: user.id, email: record.email },
        data: { passwordHash, emailVerifiedAt: user.emailVerifiedAt ?? changedAt },
      });
      if (changed.count === 0) throw invalidResetToken();
      await tx.passwordReset.updateMany({
        where: { userId: user.id, usedAt: null },
        data: { usedAt: changedAt },
      });
      await sessions.revokeAll(tx, user.id);
      await tx.outboxEvent.create({ data: outboxRowOf(envelope) });
    });
    this.deps.onOutboxWrite?.();
    this.deps.logger?.info({ userId: user.id }, 'password reset');
    return true;
  }
}
