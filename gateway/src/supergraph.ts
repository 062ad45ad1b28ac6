import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The committed supergraph, composed from the subgraphs' SDL by `npm run compose`. */
export const supergraphPath = join(import.meta.dirname, '..', '..', 'schema', 'supergraph.graphql');

export function loadSupergraph(): string {
  return readFileSync(supergraphPath, 'utf8');
}
