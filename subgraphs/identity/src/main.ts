import { createLogger } from '@flock/logger';
import { onShutdown, runMain } from '@flock/service';
import { startIdentity } from './app';
import { loadIdentityEnv } from './env';

runMain('identity', async () => {
  const env = loadIdentityEnv(process.env);
  const logger = createLogger({
    service: 'identity',
    level: env.LOG_LEVEL,
    pretty: env.LOG_PRETTY,
  });
  const service = await startIdentity(env, logger);
  onShutdown(logger, service.steps);
});
