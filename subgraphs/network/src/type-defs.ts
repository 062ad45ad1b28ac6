import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The subgraph contract for @neo4j/graphql (schema.graphql, beside the code). */
export const typeDefs = readFileSync(join(import.meta.dirname, '..', 'schema.graphql'), 'utf8');
