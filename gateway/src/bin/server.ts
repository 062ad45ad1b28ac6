import { runService } from '@flock/service';
import { startGateway } from '../app';
import { loadGatewayEnv } from '../env';

runService('gateway', loadGatewayEnv, startGateway, { workers: (env) => env.WORKERS });
