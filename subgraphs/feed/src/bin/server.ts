import { runService } from '@flock/service';
import { startFeed } from '../app';
import { loadFeedEnv } from '../env';

runService('feed', loadFeedEnv, startFeed);
