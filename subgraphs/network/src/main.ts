import { createLogger } from '@flock/logger';
import { onShutdown, runMain } from '@flock/service';
import { startNetwork } from './app';
import { loadNetworkEnv } from './env';

runMain('network', async () => {
  const env = loadNetworkEnv(process.env);
  const logger = createLogger({ service: 'network', level: env.LOG_LEVEL, pretty: env.LOG_PRETTY });
  const service = await startNetwork(env, logger);
  onShutdown(logger, service.steps);
});
