import type { Viewer } from '@flock/auth';
import type { InvalidatingContext } from '@flock/graphql';
import type { TimelineReader } from './domain/reader';

export interface FeedContext extends InvalidatingContext {
  viewer: Viewer | null;
  correlationId: string;
  /** Pages of home and profile timelines. */
  reader: TimelineReader;
}

export function createFeedContext(
  reader: TimelineReader,
  viewer: Viewer | null,
  correlationId: string,
): FeedContext {
  return { viewer, correlationId, reader };
}
