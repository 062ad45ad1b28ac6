import { runService } from '@flock/service';
import { startNetwork } from '../app';
import { loadNetworkEnv } from '../env';

runService('network', loadNetworkEnv, startNetwork);
