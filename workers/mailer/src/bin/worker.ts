import { runService } from '@flock/service';
import { startMailer } from '../app';
import { loadMailerEnv } from '../env';

runService('mailer', loadMailerEnv, startMailer, { traceContext: 'async' });
