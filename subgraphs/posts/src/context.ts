import type { Viewer } from '@flock/auth';
import DataLoader from 'dataloader';
import type { Posts } from './domain/posts';
import type { Post } from './generated/prisma/client';

export interface PostsContext {
  viewer: Viewer | null;
  posts: Posts;
  /** One query per batch of references (the gateway's _entities, replyTo, ...). */
  postById: DataLoader<string, Post | null>;
  /** One query per batch for viewerHasLiked. */
  viewerLikes: DataLoader<string, boolean>;
}

export function createContext(posts: Posts, viewer: Viewer | null): PostsContext {
  return {
    viewer,
    posts,
    postById: new DataLoader((ids) => posts.byIds(ids)),
    viewerLikes: new DataLoader((ids) =>
      viewer ? posts.likedBy(viewer.id, ids) : Promise.resolve(ids.map(() => false)),
    ),
  };
}
