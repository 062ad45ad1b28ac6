import { createLogger } from '@flock/logger';
import { onShutdown, runMain } from '@flock/service';
import { loadFeedEnv } from './env';
import { startFeedWorker } from './worker-app';

runMain('feed-worker', async () => {
  const env = loadFeedEnv(process.env);
  const logger = createLogger({
    service: 'feed-worker',
    level: env.LOG_LEVEL,
    pretty: env.LOG_PRETTY,
  });
  const service = await startFeedWorker(env, logger);
  onShutdown(logger, service.steps);
});
