import { createLogger } from '@flock/logger';
import { onShutdown, runMain } from '@flock/service';
import { startMailer } from './app';
import { loadMailerEnv } from './env';

runMain('mailer', async () => {
  const env = loadMailerEnv(process.env);
  const logger = createLogger({ service: 'mailer', level: env.LOG_LEVEL, pretty: env.LOG_PRETTY });
  const service = await startMailer(env, logger);
  onShutdown(logger, service.steps);
});
