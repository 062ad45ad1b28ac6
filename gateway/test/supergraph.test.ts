import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { composeSupergraph, supergraphFile } from '../../schema/compose';

describe('the committed supergraph', () => {
  it('is what the subgraphs compose to today (run `npm run compose` when this fails)', async () => {
    const { supergraph, snapshots } = await composeSupergraph();
    expect(readFileSync(supergraphFile(), 'utf8')).toBe(supergraph);
    for (const [name, sdl] of Object.entries(snapshots)) {
      expect(
        readFileSync(join(import.meta.dirname, '..', '..', 'schema', name), 'utf8'),
        name,
      ).toBe(sdl);
    }
  });
});
