import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The committed supergraph, composed from the subgraphs' SDL by `npm run compose`: the
 * default of SUPERGRAPH_PATH. The same from the sources (gateway/src) and from the build
 * (gateway/dist); an image or a cluster mounts its own and sets SUPERGRAPH_PATH.
 */
export const defaultSupergraphPath = join(
  import.meta.dirname,
  '..',
  '..',
  'schema',
  'supergraph.graphql',
);

export function loadSupergraph(path: string = defaultSupergraphPath): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new Error(`cannot read the supergraph at ${path} (SUPERGRAPH_PATH): ${reason}`);
  }
}
