import { databaseUrlFor, migrate } from '@flock/db';
import { resolveLocalStack } from '@flock/env';
import { postDeleted } from '@flock/events';
import { testLogger, uniqueId } from '@flock/testing';
import { PrismaPg } from '@prisma/adapter-pg';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeAccount } from '../src/domain/account-removal';
import { Posts } from '../src/domain/posts';
import { onAccountDeleted } from '../src/events/on-account-deleted';
import { PrismaClient } from '../src/generated/prisma/client';

// What posts does with identity.account-deleted.v1, against a real Postgres database of its own.
const stack = resolveLocalStack(process.env);
const dbName = uniqueId('posts_removal_test');
const databaseUrl = databaseUrlFor(stack.postgresUrl, dbName);
let prisma: PrismaClient;
let posts: Posts;

beforeAll(async () => {
  await migrate({
    databaseUrl,
    migrationsDir: new URL('../../../prisma/posts/migrations', import.meta.url).pathname,
  });
  prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl }) });
  posts = new Posts({ prisma });
});

afterAll(async () => {
  await prisma?.$disconnect();
  const admin = new PrismaClient({
    adapter: new PrismaPg({ connectionString: databaseUrlFor(stack.postgresUrl, 'postgres') }),
  });
  await admin.$executeRawUnsafe(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
  await admin.$disconnect();
});

const viewer = () => ({ id: uuidv7(), sessionId: uuidv7() });
const row = (id: string) => prisma.post.findUnique({ where: { id } });

describe('removing a deleted account from posts', () => {
  it('deletes their posts and likes, tombstones what others answered, fixes counts, announces each post, once', async () => {
    const gone = viewer();
    const other = viewer();
    const lonely = await posts.create(gone, { body: 'nobody answered' });
    const answered = await posts.create(gone, { body: 'someone answered' });
    const answer = await posts.create(other, { body: 'an answer', replyToId: answered.id });
    const otherPost = await posts.create(other, { body: 'by the other' });
    const reply = await posts.create(gone, { body: 'a reply', replyToId: otherPost.id });
    const selfReply = await posts.create(gone, { body: 'to myself', replyToId: lonely.id });
    await posts.like(gone, otherPost.id);
    await posts.like(other, otherPost.id);
    await posts.like(other, lonely.id);
    const before = await prisma.outboxEvent.count({ where: { topic: postDeleted.name } });

    const removed = await removeAccount(prisma, gone.id, new Date());
    expect(removed).toEqual({ deletedPosts: 4, removedLikes: 1 });

    // Rows: only the post someone else answered stays, as a tombstone without body or likes.
    expect(await row(lonely.id)).toBeNull();
    expect(await row(reply.id)).toBeNull();
    expect(await row(selfReply.id)).toBeNull();
    expect(await row(answered.id)).toMatchObject({ body: '', likeCount: 0 });
    expect((await row(answered.id))?.deletedAt).toBeInstanceOf(Date);
    expect(await posts.byIds([answered.id, lonely.id])).toEqual([null, null]);
    // The others' rows: the answer stays; counts lose gone's like and reply.
    expect(await row(answer.id)).toMatchObject({ body: 'an answer', replyToId: answered.id });
    expect(await row(otherPost.id)).toMatchObject({ likeCount: 1, replyCount: 0 });
    expect(await prisma.like.count({ where: { userId: gone.id } })).toBe(0);
    expect(await posts.byAuthor(gone.id, { first: 10 })).toEqual({ rows: [], hasNextPage: false });
    // One post-deleted per post that was live: the feed removes each as any deleted post.
    const events = await prisma.outboxEvent.findMany({ where: { topic: postDeleted.name } });
    expect(events.length - before).toBe(4);

    // Replayed: nothing changes, nothing more is announced.
    expect(await removeAccount(prisma, gone.id, new Date())).toEqual({
      deletedPosts: 0,
      removedLikes: 0,
    });
    expect(await prisma.outboxEvent.count({ where: { topic: postDeleted.name } })).toBe(
      events.length,
    );
    expect(await row(otherPost.id)).toMatchObject({ likeCount: 1, replyCount: 0 });
  });

  it('refuses posts and likes of a deleted account, its token still valid', async () => {
    const gone = viewer();
    const other = viewer();
    const target = await posts.create(other, { body: 'likeable' });
    let wokeRelay = 0;
    await onAccountDeleted(
      prisma,
      testLogger(),
      () => wokeRelay++,
    )({
      id: uuidv7(),
      type: 'identity.account-deleted.v1',
      occurredAt: new Date().toISOString(),
      source: 'test',
      correlationId: 'test',
      payload: {
        userId: gone.id,
        username: 'gone_user',
        displayName: null,
        email: 'gone@example.com',
        deletedAt: new Date().toISOString(),
      },
    });
    expect(wokeRelay).toBe(0); // nothing of theirs to announce
    await expect(posts.create(gone, { body: 'from beyond' })).rejects.toMatchObject({
      extensions: { code: 'UNAUTHENTICATED' },
    });
    await expect(posts.like(gone, target.id)).rejects.toMatchObject({
      extensions: { code: 'UNAUTHENTICATED' },
    });
    expect(await row(target.id)).toMatchObject({ likeCount: 0 });
  });

  it('never leaves a post that a concurrent create committed around the removal', async () => {
    const gone = viewer();
    const attempts = Array.from({ length: 10 }, (_, i) =>
      posts.create(gone, { body: `racing ${i}` }).then(
        () => 'created',
        () => 'refused',
      ),
    );
    await removeAccount(prisma, gone.id, new Date());
    await Promise.all(attempts);
    expect(await prisma.post.count({ where: { authorId: gone.id, deletedAt: null } })).toBe(0);
  });
});
