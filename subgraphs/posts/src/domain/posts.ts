import type { Viewer } from '@flock/auth';
import { outboxRowOf } from '@flock/db';
import { createEnvelope, postCreated, postDeleted } from '@flock/events';
import { forbidden, notFound, parseInput } from '@flock/graphql';
import { UUID, uuidv7 } from 'uuidv7';
import type { Post, PrismaClient } from '../generated/prisma/client';
import { assertAccountLive } from './account-removal';
import { createPostInput, postId, updatePostInput } from './validation';

/** A user as this subgraph knows one: by id (identity owns the rest). */
export interface UserRef {
  id: string;
}

/** Which page to read: `first` posts after the post `afterId` (in the list's order). */
export interface PageRequest {
  first: number;
  afterId?: string;
}

/** One page of posts, in the list's order, and whether more follow. */
export interface PostPage {
  rows: Post[];
  hasNextPage: boolean;
}

export interface PostsDeps {
  prisma: PrismaClient;
  /** Called after a transaction that wrote to the outbox has committed. */
  onOutboxWrite?: () => void;
}

const live = { deletedAt: null };

/** For the demo seeder (infra/seed), never reachable from the API. */
export interface CreatePostOptions {
  /** A past creation time (default now): the post's id, row and event all carry it. */
  createdAt?: Date;
}

/** The rules of posts, replies and likes. */
export class Posts {
  constructor(private readonly deps: PostsDeps) {}

  /** `correlationId`: the request's, carried by the post-created event. */
  async create(
    viewer: Viewer,
    rawInput: unknown,
    correlationId?: string,
    options: CreatePostOptions = {},
  ): Promise<Post> {
    const input = parseInput(createPostInput, rawInput);
    const { prisma } = this.deps;
    const createdAt = options.createdAt ?? new Date();
    // The id is the pagination key (time-sortable): it must sort where createdAt does.
    const id = options.createdAt ? uuidv7At(options.createdAt) : uuidv7();
    const post = await prisma.$transaction(async (tx) => {
      await assertAccountLive(tx, viewer.id);
      if (input.replyToId) {
        // Locks the parent row: a concurrent delete cannot slip between check and insert.
        const parent = await tx.post.updateMany({
          where: { id: input.replyToId, ...live },
          data: { replyCount: { increment: 1 } },
        });
        if (parent.count === 0) throw notFound('Post to reply to', 'replyToId');
      }
      const created = await tx.post.create({
        data: {
          id,
          authorId: viewer.id,
          body: input.body,
          replyToId: input.replyToId ?? null,
          createdAt,
        },
      });
      const event = createEnvelope(
        postCreated,
        {
          postId: id,
          authorId: viewer.id,
          replyToId: input.replyToId ?? null,
          createdAt: createdAt.toISOString(),
        },
        { source: 'posts', correlationId },
      );
      await tx.outboxEvent.create({ data: outboxRowOf(event) });
      return created;
    });
    this.deps.onOutboxWrite?.();
    return post;
  }

  async update(viewer: Viewer, rawInput: unknown): Promise<Post> {
    const input = parseInput(updatePostInput, rawInput);
    await this.ownLivePost(viewer, input.id);
    return this.deps.prisma.post.update({
      where: { id: input.id },
      data: { body: input.body, editedAt: new Date() },
    });
  }

  /** Soft-deletes the viewer's own post, erasing its body and likes, and announces it. */
  async delete(viewer: Viewer, rawId: unknown, correlationId?: string): Promise<string> {
    const id = parseInput(postId, rawId, 'id');
    const post = await this.ownLivePost(viewer, id);
    const now = new Date();
    const deleted = await this.deps.prisma.$transaction(async (tx) => {
      const marked = await tx.post.updateMany({
        where: { id, ...live },
        data: { deletedAt: now, body: '', likeCount: 0 },
      });
      if (marked.count === 0) return false; // deleted concurrently
      await tx.like.deleteMany({ where: { postId: id } });
      if (post.replyToId) {
        await tx.post.updateMany({
          where: { id: post.replyToId },
          data: { replyCount: { decrement: 1 } },
        });
      }
      const event = createEnvelope(
        postDeleted,
        { postId: id, authorId: post.authorId, deletedAt: now.toISOString() },
        { source: 'posts', correlationId },
      );
      await tx.outboxEvent.create({ data: outboxRowOf(event) });
      return true;
    });
    if (!deleted) throw notFound('Post', 'id');
    this.deps.onOutboxWrite?.();
    return id;
  }

  /** Likes once; the counter moves only when the like row really appears. */
  async like(viewer: Viewer, rawId: unknown): Promise<Post> {
    const id = parseInput(postId, rawId, 'id');
    return this.deps.prisma.$transaction(async (tx) => {
      await assertAccountLive(tx, viewer.id);
      const inserted = await tx.$executeRaw`
        INSERT INTO likes (post_id, user_id)
        SELECT id, ${viewer.id}::uuid FROM posts WHERE id = ${id}::uuid AND deleted_at IS NULL
        ON CONFLICT DO NOTHING`;
      if (inserted === 1) {
        return tx.post.update({ where: { id }, data: { likeCount: { increment: 1 } } });
      }
      const post = await tx.post.findFirst({ where: { id, ...live } });
      if (!post) throw notFound('Post', 'id');
      return post;
    });
  }

  async unlike(viewer: Viewer, rawId: unknown): Promise<Post> {
    const id = parseInput(postId, rawId, 'id');
    return this.deps.prisma.$transaction(async (tx) => {
      const removed = await tx.like.deleteMany({ where: { postId: id, userId: viewer.id } });
      const post =
        removed.count === 1
          ? await tx.post.update({ where: { id }, data: { likeCount: { decrement: 1 } } })
          : await tx.post.findFirst({ where: { id } });
      if (!post || post.deletedAt) throw notFound('Post', 'id');
      return post;
    });
  }

  /** Live posts by id, in the order asked (null for missing or deleted): one query. */
  async byIds(ids: readonly string[]): Promise<(Post | null)[]> {
    const valid = ids.filter((id) => postId.safeParse(id).success);
    const posts = valid.length
      ? await this.deps.prisma.post.findMany({ where: { id: { in: valid }, ...live } })
      : [];
    const byId = new Map(posts.map((p) => [p.id, p]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  /** Which of these posts the viewer likes: one query. */
  async likedBy(userId: string, ids: readonly string[]): Promise<boolean[]> {
    const likes = await this.deps.prisma.like.findMany({
      where: { userId, postId: { in: [...ids] } },
      select: { postId: true },
    });
    const liked = new Set(likes.map((l) => l.postId));
    return ids.map((id) => liked.has(id));
  }

  /** The author's posts and replies, newest first. */
  byAuthor(authorId: string, page: PageRequest): Promise<PostPage> {
    return this.page({ authorId }, 'desc', page);
  }

  /** Replies to a post, oldest first (conversation order). */
  replies(parentId: string, page: PageRequest): Promise<PostPage> {
    return this.page({ replyToId: parentId }, 'asc', page);
  }

  /** Keyset pagination on the time-sortable id: stable while new posts arrive. */
  private async page(
    where: { authorId?: string; replyToId?: string },
    order: 'asc' | 'desc',
    { first, afterId }: PageRequest,
  ): Promise<PostPage> {
    const rows = await this.deps.prisma.post.findMany({
      where: {
        ...where,
        ...live,
        ...(afterId ? { id: order === 'desc' ? { lt: afterId } : { gt: afterId } } : {}),
      },
      orderBy: { id: order },
      // One more than asked: whether it exists is hasNextPage.
      take: first + 1,
    });
    return { rows: rows.slice(0, first), hasNextPage: rows.length > first };
  }

  private async ownLivePost(viewer: Viewer, id: string): Promise<Post> {
    const post = await this.deps.prisma.post.findFirst({ where: { id, ...live } });
    if (!post) throw notFound('Post', 'id');
    if (post.authorId !== viewer.id)
      throw forbidden('Only the author can change or delete this post');
    return post;
  }
}

/** A UUIDv7 whose timestamp is `at` (random bits from the platform's CSPRNG). */
function uuidv7At(at: Date): string {
  const [randA = 0, randBHi = 0, randBLo = 0] = crypto.getRandomValues(new Uint32Array(3));
  return UUID.fromFieldsV7(at.getTime(), randA & 0xfff, randBHi & 0x3fffffff, randBLo).toString();
}
