import { runService } from '@flock/service';
import { startPosts } from '../app';
import { loadPostsEnv } from '../env';

runService('posts', loadPostsEnv, startPosts);
