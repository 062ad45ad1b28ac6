import type { Viewer } from '@flock/auth';
import type { InvalidatingContext } from '@flock/graphql';
import DataLoader from 'dataloader';
import type { Posts } from './domain/posts';
import type { Post } from './generated/prisma/client';

export interface PostsContext extends InvalidatingContext {
  viewer: Viewer | null;
  /** The request's correlation id, carried by the events a mutation publishes. */
  correlationId: string;
  posts: Posts;
  /** One query per batch of references (the gateway's _entities, replyTo, ...). */
  postById: DataLoader<string, Post | null>;
  /** One query per batch for viewerHasLiked. */
  viewerLikes: DataLoader<string, boolean>;
}

export function createContext(
  posts: Posts,
  viewer: Viewer | null,
  correlationId: string,
): PostsContext {
  return {
    viewer,
    correlationId,
    posts,
    postById: new DataLoader((ids) => posts.byIds(ids)),
    viewerLikes: new DataLoader((ids) =>
      viewer ? posts.likedBy(viewer.id, ids) : Promise.resolve(ids.map(() => false)),
    ),
  };
}
