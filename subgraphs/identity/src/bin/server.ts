import { runService } from '@flock/service';
import { startIdentity } from '../app';
import { loadIdentityEnv } from '../env';

runService('identity', loadIdentityEnv, startIdentity);
