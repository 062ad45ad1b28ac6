import type { AccessTokenVerifier } from '@flock/auth';
import { startSubgraphServer } from '@flock/graphql';
import type { Logger } from '@flock/logger';
import type { ResourceRegistry } from '@flock/service';
import { createFeedContext, type FeedContext } from './context';
import type { TimelineReader } from './domain/reader';
import { buildSchema } from './schema';

export interface FeedServerDeps {
  reader: TimelineReader;
  verifyAccessToken: AccessTokenVerifier;
  logger: Logger;
}

/** The feed subgraph's Apollo Server, started and registered for shutdown. */
export function startFeedServer(resources: ResourceRegistry, deps: FeedServerDeps) {
  return startSubgraphServer<FeedContext>(resources, {
    schema: buildSchema(),
    logger: deps.logger,
    // Timelines are private and never cached: without hints to collect, Apollo Server need
    // not wrap every field resolver (about a tenth of this subgraph's CPU per page).
    cacheHints: false,
    context: async (req, correlationId) =>
      createFeedContext(
        deps.reader,
        await deps.verifyAccessToken(req.headers.authorization),
        correlationId,
      ),
  });
}
