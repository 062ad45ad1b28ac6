import { runService } from '@flock/service';
import { loadFeedEnv } from './env';
import { startFeedWorker } from './worker-app';

runService('feed-worker', loadFeedEnv, startFeedWorker);
