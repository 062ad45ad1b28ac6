import { runService } from '@flock/service';
import { startNetworkWorker } from '../app';
import { loadNetworkWorkerEnv } from '../env';

runService('network-worker', loadNetworkWorkerEnv, startNetworkWorker, { traceContext: 'async' });
