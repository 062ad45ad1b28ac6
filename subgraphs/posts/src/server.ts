import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import type { AccessTokenVerifier } from '@flock/auth';
import {
  entityInvalidationPlugin,
  graphqlHandler,
  paginationLimitsPlugin,
  serviceApolloConfig,
} from '@flock/graphql';
import type { Logger } from '@flock/logger';
import { createContext, type PostsContext } from './context';
import type { Posts } from './domain/posts';
import { buildSchema } from './schema';

export interface PostsServerDeps {
  posts: Posts;
  verifyAccessToken: AccessTokenVerifier;
  logger: Logger;
}

export async function createPostsServer(deps: PostsServerDeps) {
  const base = serviceApolloConfig<PostsContext>(deps.logger);
  const apollo = new ApolloServer<PostsContext>({
    ...base,
    schema: buildSchema(),
    plugins: [
      ...base.plugins,
      ApolloServerPluginInlineTraceDisabled(),
      paginationLimitsPlugin(),
      entityInvalidationPlugin(),
    ],
  });
  await apollo.start();
  const handler = graphqlHandler({
    server: apollo,
    context: async (req, correlationId) =>
      createContext(
        deps.posts,
        await deps.verifyAccessToken(req.headers.authorization),
        correlationId,
      ),
  });
  return { apollo, handler };
}
