import { runService } from '@flock/service';
import { startFeedWorker } from '../app';
import { loadFeedEnv } from '../env';

runService('feed-worker', loadFeedEnv, startFeedWorker, { traceContext: 'async' });
