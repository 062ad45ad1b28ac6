Object.defineProperty(exports, '__esModule', { value: true });
exports.supergraphPath = void 0;
exports.loadSupergraph = loadSupergraph;
var node_fs_1 = require('node:fs');
var node_path_1 = require('node:path');
/** The committed supergraph, composed from the subgraphs' SDL by `npm run compose`. */
exports.supergraphPath = (0, node_path_1.join)(
  import.meta.dirname,
  '..',
  '..',
  'schema',
  'supergraph.graphql',
);
function loadSupergraph() {
  return (0, node_fs_1.readFileSync)(exports.supergraphPath, 'utf8');
}
