import { defineConfig } from 'vitest/config';

const workspaces = '{packages,subgraphs,workers,gateway,infra}';
const ignored = ['**/node_modules/**', '**/.flock/**'];

/**
 * Two projects: `unit` (pure logic, no services) and `integration` (*.int.test.ts, against
 * the real Postgres, Redis, Kafka, Neo4j and mail catcher that `npm test` starts first).
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: [`${workspaces}/**/test/**/*.test.ts`],
          exclude: [...ignored, '**/*.int.test.ts'],
        },
      },
      {
        test: {
          name: 'integration',
          include: [`${workspaces}/**/test/**/*.int.test.ts`],
          exclude: ignored,
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
