import { createLogger } from '@flock/logger';
import { onShutdown, runMain } from '@flock/service';
import { startPosts } from './app';
import { loadPostsEnv } from './env';

runMain('posts', async () => {
  const env = loadPostsEnv(process.env);
  const logger = createLogger({ service: 'posts', level: env.LOG_LEVEL, pretty: env.LOG_PRETTY });
  const service = await startPosts(env, logger);
  onShutdown(logger, service.steps);
});
