import { createLogger } from '@flock/logger';
import { runMain } from '@flock/service';
import { createTopics, loadCreateTopicsEnv, topicSettingsOf } from '../topics';

// `node dist/jobs/create-topics.js` (a Kubernetes Job, a compose one-shot service): every
// event topic and its dead-letter topic, made before services start (in production services
// only check that they exist).
runMain('create-topics', async () => {
  const env = loadCreateTopicsEnv(process.env);
  const logger = createLogger({
    service: 'create-topics',
    level: env.LOG_LEVEL,
    pretty: env.LOG_PRETTY,
  });
  const created = await createTopics({
    brokers: env.KAFKA_BROKERS,
    settings: topicSettingsOf(env),
    logger,
    clientId: env.KAFKA_CLIENT_ID,
  });
  logger.info({ created }, created.length ? 'created topics' : 'every topic exists');
});
