import { uuidv7 } from 'uuidv7';
import { describe, expect, it } from 'vitest';
import type { PageRequest, PostPage } from '../src/domain/posts';
import type { Post } from '../src/generated/prisma/client';
import { postConnection } from '../src/resolvers/post-connection';

function post(id = uuidv7()): Post {
  return {
    id,
    authorId: uuidv7(),
    body: 'hi',
    createdAt: new Date(),
    editedAt: null,
    deletedAt: null,
    replyToId: null,
    likeCount: 0,
    replyCount: 0,
  };
}

describe('postConnection', () => {
  it('reads the page asked for and hands its last cursor back as the next `after`', async () => {
    const rows = [post(), post()];
    const asked: PageRequest[] = [];
    const read = async (page: PageRequest): Promise<PostPage> => {
      asked.push(page);
      return { rows, hasNextPage: true };
    };

    const first = await postConnection({ first: 2 }, read);
    expect(asked).toEqual([{ first: 2, afterId: undefined }]);
    expect(first.edges.map((e) => e.node)).toEqual(rows);
    expect(first.pageInfo).toEqual({
      hasNextPage: true,
      hasPreviousPage: false,
      startCursor: first.edges[0]?.cursor,
      endCursor: first.edges[1]?.cursor,
    });

    const next = await postConnection({ first: null, after: first.pageInfo.endCursor }, read);
    expect(asked[1]).toEqual({ first: 20, afterId: rows[1]?.id });
    expect(next.pageInfo.hasPreviousPage).toBe(true);
  });

  it('refuses a cursor it did not make and a page out of bounds, naming the argument', async () => {
    const read = async (): Promise<PostPage> => ({ rows: [], hasNextPage: false });
    const forged = Buffer.from(JSON.stringify('not-a-post-id')).toString('base64url');
    for (const [args, field] of [
      [{ after: 'garbage' }, 'after'],
      [{ after: forged }, 'after'],
      [{ first: 101 }, 'first'],
      [{ first: -1 }, 'first'],
    ] as const) {
      await expect(postConnection(args, read)).rejects.toMatchObject({
        extensions: { code: 'BAD_USER_INPUT', field },
      });
    }
  });
});
