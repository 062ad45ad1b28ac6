import { outboxRowOf } from '@flock/db';
import { createEnvelope, postDeleted } from '@flock/events';
import { unauthenticated } from '@flock/graphql';
import type { Prisma, PrismaClient } from '../generated/prisma/client';

type Tx = Prisma.TransactionClient;

/**
 * Serialises one user's writes with the removal of their account: every create or like takes
 * this lock shared, the removal exclusive, so no post or like of theirs commits after the
 * removal looked (a transaction-scoped advisory lock on the user id).
 */
function lockUser(tx: Tx, userId: string, mode: 'shared' | 'exclusive') {
  return mode === 'shared'
    ? tx.$executeRaw`SELECT pg_advisory_xact_lock_shared(hashtextextended(${userId}, 0))`
    : tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${userId}, 0))`;
}

/**
 * For a write of `userId` (create, like): refuses it when the account was deleted. Its access
 * token may outlive the account by minutes.
 */
export async function assertAccountLive(tx: Tx, userId: string): Promise<void> {
  await lockUser(tx, userId, 'shared');
  if (await tx.deletedUser.findUnique({ where: { userId } })) {
    throw unauthenticated('The account of this token no longer exists');
  }
}

export interface RemovedAccount {
  /** Posts and replies of theirs that were live and are now deleted (each announced). */
  deletedPosts: number;
  /** Likes of theirs taken back. */
  removedLikes: number;
}

/**
 * Removes what posts holds of a deleted account, in one transaction, idempotently:
 * - their likes (each liked post's count drops);
 * - their live posts and replies are deleted as deletePost does (body erased, likes on them
 *   gone, the parent's replyCount down) and each announced as posts.post-deleted.v1, so the
 *   feed removes it everywhere as it does any deleted post;
 * - then their rows are dropped, except the ones someone else replied to: those stay as
 *   tombstones (no body, never returned, likes none) so the others' replies keep their thread;
 * - the account is recorded in deleted_users, so the token it still holds cannot post or like.
 */
export async function removeAccount(
  prisma: PrismaClient,
  userId: string,
  deletedAt: Date,
  correlationId?: string,
): Promise<RemovedAccount> {
  return prisma.$transaction(async (tx) => {
    await lockUser(tx, userId, 'exclusive');
    await tx.$executeRaw`
      INSERT INTO deleted_users (user_id, deleted_at) VALUES (${userId}::uuid, ${deletedAt})
      ON CONFLICT DO NOTHING`;
    const removedLikes = await tx.$executeRaw`
      WITH gone AS (DELETE FROM likes WHERE user_id = ${userId}::uuid RETURNING post_id)
      UPDATE posts p SET like_count = p.like_count - 1 FROM gone WHERE p.id = gone.post_id`;
    const marked = await tx.$queryRaw<{ id: string; reply_to_id: string | null }[]>`
      UPDATE posts SET deleted_at = ${deletedAt}, body = '', like_count = 0
      WHERE author_id = ${userId}::uuid AND deleted_at IS NULL
      RETURNING id, reply_to_id`;
    if (marked.length > 0) {
      const ids = marked.map((p) => p.id);
      await tx.like.deleteMany({ where: { postId: { in: ids } } });
      const replies = new Map<string, number>();
      for (const { reply_to_id: parent } of marked) {
        if (parent) replies.set(parent, (replies.get(parent) ?? 0) + 1);
      }
      if (replies.size > 0) {
        await tx.$executeRaw`
          UPDATE posts p SET reply_count = p.reply_count - c.n
          FROM unnest(${[...replies.keys()]}::uuid[], ${[...replies.values()]}::int[]) AS c(id, n)
          WHERE p.id = c.id`;
      }
      await tx.outboxEvent.createMany({
        data: marked.map((p) =>
          outboxRowOf(
            createEnvelope(
              postDeleted,
              { postId: p.id, authorId: userId, deletedAt: deletedAt.toISOString() },
              { source: 'posts', correlationId },
            ),
          ),
        ),
      });
    }
    await tx.$executeRaw`
      DELETE FROM posts p WHERE p.author_id = ${userId}::uuid
        AND NOT EXISTS (
          SELECT 1 FROM posts r WHERE r.reply_to_id = p.id AND r.author_id <> ${userId}::uuid)`;
    return { deletedPosts: marked.length, removedLikes };
  });
}
