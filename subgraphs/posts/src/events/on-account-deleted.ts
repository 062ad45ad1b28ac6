import type { accountDeleted, Envelope, PayloadOf } from '@flock/events';
import type { Logger } from '@flock/logger';
import { removeAccount } from '../domain/account-removal';
import type { PrismaClient } from '../generated/prisma/client';

/** A deleted account's posts and likes go (domain/account-removal.ts); replays change nothing. */
export function onAccountDeleted(prisma: PrismaClient, logger: Logger, onOutboxWrite: () => void) {
  return async (event: Envelope<PayloadOf<typeof accountDeleted>>) => {
    const { userId, deletedAt } = event.payload;
    const removed = await removeAccount(prisma, userId, new Date(deletedAt), event.correlationId);
    if (removed.deletedPosts > 0) onOutboxWrite();
    logger.info({ userId, ...removed }, 'posts of a deleted account removed');
  };
}
