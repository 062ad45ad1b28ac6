import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'graphql';

/** The subgraph contract for @neo4j/graphql (schema.graphql, beside the code), parsed. */
export const typeDefs = parse(
  readFileSync(join(import.meta.dirname, '..', 'schema.graphql'), 'utf8'),
);
