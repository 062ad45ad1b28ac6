#!/usr/bin/env node
// Copies schema/supergraph.graphql (written by `npm run compose`) to
// deploy/k8s/base/supergraph/, where kustomize's configMapGenerator may read it (it loads no
// file outside the kustomization's folder). The manifests test fails while the copy is stale.
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');
copyFileSync(
  join(root, 'schema', 'supergraph.graphql'),
  join(root, 'deploy', 'k8s', 'base', 'supergraph', 'supergraph.graphql'),
);
process.stdout.write(
  'deploy/k8s/base/supergraph/supergraph.graphql is schema/supergraph.graphql\n',
);
