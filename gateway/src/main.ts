import { createLogger } from '@flock/logger';
import { onShutdown, runMain } from '@flock/service';
import { startGateway } from './app';
import { loadGatewayEnv } from './env';

runMain('gateway', async () => {
  const env = loadGatewayEnv(process.env);
  const logger = createLogger({ service: 'gateway', level: env.LOG_LEVEL, pretty: env.LOG_PRETTY });
  const service = await startGateway(env, logger);
  onShutdown(logger, service.steps);
});
