import { createLogger } from '@flock/logger';
import { onShutdown, runMain } from '@flock/service';
import { startFeed } from './app';
import { loadFeedEnv } from './env';

runMain('feed', async () => {
  const env = loadFeedEnv(process.env);
  const logger = createLogger({ service: 'feed', level: env.LOG_LEVEL, pretty: env.LOG_PRETTY });
  const service = await startFeed(env, logger);
  onShutdown(logger, service.steps);
});
