import { createLogger } from '@flock/logger';
import { runMain } from '@flock/service';
import { loadMigrateEnv, runMigrations } from '../migrate';

// `node dist/jobs/migrate.js` (a Kubernetes Job, a compose one-shot service): Postgres
// migrations of identity, posts and mailer, and the Neo4j constraints.
runMain('migrate', async () => {
  const env = loadMigrateEnv(process.env);
  const logger = createLogger({ service: 'migrate', level: env.LOG_LEVEL, pretty: env.LOG_PRETTY });
  await runMigrations(env, logger);
});
