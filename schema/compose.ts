import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { composeServices } from '@apollo/composition';
import { Supergraph } from '@apollo/federation-internals';
import { print, printSchema } from 'graphql';
import { loadSubgraphs } from './subgraphs';

const schemaDir = import.meta.dirname;

export interface Composition {
  supergraph: string;
  /** File name in schema/ → content: the subgraph SDL snapshots and the clients' schema. */
  snapshots: Record<string, string>;
}

/** Composes the subgraphs' SDL into the supergraph the gateway serves. No I/O but reading SDL. */
export async function composeSupergraph(): Promise<Composition> {
  const subgraphs = await loadSubgraphs();
  const result = composeServices(subgraphs);
  if (result.errors) {
    throw new Error(
      `composition failed:\n${result.errors.map((e) => `  - ${e.message}`).join('\n')}`,
    );
  }
  const snapshots = Object.fromEntries(
    subgraphs.map((s) => [`${s.name}.graphql`, `${print(s.typeDefs)}\n`]),
  );
  // What clients see and generate code from: the supergraph without federation's machinery,
  // exactly the schema the gateway serves.
  const api = Supergraph.build(result.supergraphSdl).apiSchema().toGraphQLJSSchema();
  snapshots['api.graphql'] = `${printSchema(api)}\n`;
  return { supergraph: `${result.supergraphSdl}\n`, snapshots };
}

export function supergraphFile(): string {
  return join(schemaDir, 'supergraph.graphql');
}

// `npm run compose` writes the files; the tests fail while they are stale.
if (process.argv[1] === import.meta.filename) {
  const { supergraph, snapshots } = await composeSupergraph();
  for (const [name, sdl] of Object.entries(snapshots)) writeFileSync(join(schemaDir, name), sdl);
  writeFileSync(supergraphFile(), supergraph);
  process.stdout.write(
    `composed ${Object.keys(snapshots).length} subgraph(s) into schema/supergraph.graphql\n`,
  );
}
