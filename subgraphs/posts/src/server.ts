import type { AccessTokenVerifier } from '@flock/auth';
import { startSubgraphServer } from '@flock/graphql';
import type { Logger } from '@flock/logger';
import type { ResourceRegistry } from '@flock/service';
import { createContext, type PostsContext } from './context';
import type { Posts } from './domain/posts';
import { buildSchema } from './schema';

export interface PostsServerDeps {
  posts: Posts;
  verifyAccessToken: AccessTokenVerifier;
  logger: Logger;
}

/** The posts subgraph's Apollo Server, started and registered for shutdown. */
export function startPostsServer(resources: ResourceRegistry, deps: PostsServerDeps) {
  return startSubgraphServer<PostsContext>(resources, {
    schema: buildSchema(),
    logger: deps.logger,
    context: async (req, correlationId) =>
      createContext(
        deps.posts,
        await deps.verifyAccessToken(req.headers.authorization),
        correlationId,
      ),
  });
}
