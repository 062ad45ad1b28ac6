import type { EmailTokenCipher, Viewer } from '@flock/auth';
import { outboxRowOf } from '@flock/db';
import { createEnvelope, emailChanged, emailChangeRequested } from '@flock/events';
import { badUserInput, parseInput, requireFound } from '@flock/graphql';
import type { Logger } from '@flock/logger';
import { uuidv7 } from 'uuidv7';
import { Prisma, type PrismaClient, type User } from '../generated/prisma/client';
import type { Caller } from './accounts';
import type { ClientLimit, CredentialThrottle } from './credential-throttle';
import { verifyPassword } from './passwords';
import { hashToken, randomToken } from './secrets';
import {
  currentPassword as currentPasswordRule,
  email as emailRule,
  opaqueToken,
} from './validation';

export interface EmailChangesDeps {
  prisma: PrismaClient;
  emailTokens: EmailTokenCipher;
  /** Current-password guesses, per account (the one changePassword uses). */
  passwordThrottle: CredentialThrottle;
  /** Change requests per account (keyed `email-change:<id>`). */
  requestLimit: ClientLimit;
  ttlHours: number;
  logger?: Logger;
  onOutboxWrite?: () => void;
}

const invalidToken = () =>
  badUserInput({ field: 'token', message: 'is invalid or was already used' });

/**
 * Email change with re-verification: the new address replaces the old one only when the link
 * sent to the new address is used; the old address is then told.
 */
export class EmailChanges {
  constructor(private readonly deps: EmailChangesDeps) {}

  /**
   * Checks the current password (throttled like changePassword) and mails a confirmation link
   * to the new address; only the newest request of an account works. True also when the new
   * address belongs to another account: then nothing is sent, so the answer never tells
   * whether an address is registered (the person learns it when no link arrives, as the
   * address's owner would).
   */
  async request(
    viewer: Viewer,
    rawNewEmail: unknown,
    rawPassword: unknown,
    caller: Caller,
  ): Promise<true> {
    const newEmail = parseInput(emailRule, rawNewEmail, 'newEmail');
    const current = parseInput(currentPasswordRule, rawPassword, 'currentPassword');
    const { prisma } = this.deps;
    const user = requireFound(await prisma.user.findUnique({ where: { id: viewer.id } }), 'User');
    const attempt = await this.deps.passwordThrottle.begin(`user:${user.id}`, caller.client);
    if (!(await verifyPassword(user.passwordHash, current))) {
      throw badUserInput({ field: 'currentPassword', message: 'is incorrect' });
    }
    await attempt.succeeded();
    if (newEmail === user.email) {
      throw badUserInput({ field: 'newEmail', message: 'is already your address' });
    }
    await this.deps.requestLimit(`email-change:${user.id}`);
    const holder = await prisma.user.findUnique({
      where: { email: newEmail },
      select: { id: true },
    });
    if (holder) {
      this.deps.logger?.info({ userId: user.id }, 'email change to a taken address: nothing sent');
      return true;
    }

    const token = randomToken();
    const now = new Date();
    const expiresAt = new Date(now.getTime() + this.deps.ttlHours * 3_600_000);
    const envelope = createEnvelope(
      emailChangeRequested,
      {
        userId: user.id,
        username: user.username,
        displayName: user.displayName,
        oldEmail: user.email,
        newEmail,
        requestedAt: now.toISOString(),
        emailChange: {
          encryptedToken: await this.deps.emailTokens.seal(token),
          expiresAt: expiresAt.toISOString(),
        },
      },
      { source: 'identity', correlationId: caller.correlationId },
    );
    await prisma.$transaction(async (tx) => {
      await tx.emailChange.updateMany({
        where: { userId: user.id, usedAt: null },
        data: { usedAt: now },
      });
      await tx.emailChange.create({
        data: {
          id: uuidv7(),
          userId: user.id,
          oldEmail: user.email,
          newEmail,
          tokenHash: hashToken(token),
          expiresAt,
        },
      });
      await tx.outboxEvent.create({ data: outboxRowOf(envelope) });
    });
    this.deps.onOutboxWrite?.();
    return true;
  }

  /**
   * Replaces the address with the one the link was sent to, verified (the link proved it),
   * and tells the old address. Void once used, expired, superseded, or when the account's
   * address changed since the request. If the new address was registered by someone else in
   * the meantime, BAD_USER_INPUT (only whoever reads that address has the link).
   */
  async confirm(rawToken: unknown, caller: Caller): Promise<User> {
    const token = parseInput(opaqueToken, rawToken, 'token');
    const { prisma } = this.deps;
    const record = await prisma.emailChange.findUnique({
      where: { tokenHash: hashToken(token) },
      include: { user: true },
    });
    if (!record || record.usedAt || record.oldEmail !== record.user.email) throw invalidToken();
    if (record.expiresAt <= new Date()) {
      throw badUserInput({ field: 'token', message: 'has expired' });
    }
    const changedAt = new Date();
    const { user } = record;
    const envelope = createEnvelope(
      emailChanged,
      {
        userId: user.id,
        username: user.username,
        displayName: user.displayName,
        oldEmail: record.oldEmail,
        newEmail: record.newEmail,
        changedAt: changedAt.toISOString(),
      },
      { source: 'identity', correlationId: caller.correlationId },
    );
    try {
      const changed = await prisma.$transaction(async (tx) => {
        const claimed = await tx.emailChange.updateMany({
          where: { id: record.id, usedAt: null, expiresAt: { gt: changedAt } },
          data: { usedAt: changedAt },
        });
        if (claimed.count === 0) throw invalidToken();
        const updated = await tx.user.updateMany({
          where: { id: user.id, email: record.oldEmail },
          data: { email: record.newEmail, emailVerifiedAt: changedAt },
        });
        if (updated.count === 0) throw invalidToken();
        await tx.outboxEvent.create({ data: outboxRowOf(envelope) });
        return tx.user.findUniqueOrThrow({ where: { id: user.id } });
      });
      this.deps.onOutboxWrite?.();
      return changed;
    } catch (error) {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
        throw badUserInput({
          field: 'token',
          message: 'the new address now belongs to another account',
        });
      }
      throw error;
    }
  }
}
