import { createLogger } from '@flock/logger';
import { onShutdown, runMain, runWorkers } from '@flock/service';
import { startGateway } from './app';
import { loadGatewayEnv } from './env';

runMain('gateway', async () => {
  const env = loadGatewayEnv(process.env);
  await runWorkers({ service: 'gateway', workers: env.WORKERS }, async () => {
    const logger = createLogger({
      service: 'gateway',
      level: env.LOG_LEVEL,
      pretty: env.LOG_PRETTY,
    });
    const service = await startGateway(env, logger);
    onShutdown(logger, service.steps);
  });
});
