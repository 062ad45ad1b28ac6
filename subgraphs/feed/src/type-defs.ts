import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'graphql';

/** The subgraph contract (schema.graphql, beside the code), parsed. */
export const typeDefs = parse(
  readFileSync(join(import.meta.dirname, '..', 'schema.graphql'), 'utf8'),
);
