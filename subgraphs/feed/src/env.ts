import {
  envBool,
  envPort,
  kafkaModel,
  loadEnv,
  localStack,
  redisModel,
  serviceModel,
  tokenVerificationModel,
} from '@flock/env';
import { z } from 'zod';
import { defaultTimelineSettings, type TimelineSettings } from './domain/settings';

const positive = (fallback: number) => z.coerce.number().int().positive().default(fallback);

const feedModel = z.object({
  ...serviceModel.shape,
  ...tokenVerificationModel.shape,
  ...redisModel.shape,
  ...kafkaModel.shape,
  PORT: envPort.default(localStack.ports.feed),
  KAFKA_GROUP_ID: z.string().default('feed'),
  /** A new consumer group replays history (true) or starts at the end of each topic. */
  FEED_FROM_BEGINNING: envBool.default(true),
  FEED_KEY_PREFIX: z
    .string()
    .regex(/^[a-z0-9_-]+$/)
    .default(defaultTimelineSettings.prefix),
  FEED_HOME_CAP: positive(defaultTimelineSettings.homeCap),
  FEED_RECENT_CAP: positive(defaultTimelineSettings.recentCap),
  FEED_FANOUT_THRESHOLD: positive(defaultTimelineSettings.fanoutThreshold),
  FEED_FOLLOW_BACKFILL: positive(defaultTimelineSettings.followBackfill),
  FEED_HOME_TTL_SECONDS: positive(defaultTimelineSettings.homeTtlSeconds),
  FEED_FANOUT_BATCH: positive(defaultTimelineSettings.fanoutBatch),
  FEED_FANOUT_GROUP: positive(defaultTimelineSettings.fanoutGroup),
});

export type FeedEnv = ReturnType<typeof loadFeedEnv>;

export function loadFeedEnv(source: Record<string, string | undefined>) {
  const env = loadEnv(feedModel, source);
  const timelines: TimelineSettings = {
    prefix: env.FEED_KEY_PREFIX,
    homeCap: env.FEED_HOME_CAP,
    recentCap: env.FEED_RECENT_CAP,
    fanoutThreshold: env.FEED_FANOUT_THRESHOLD,
    followBackfill: env.FEED_FOLLOW_BACKFILL,
    homeTtlSeconds: env.FEED_HOME_TTL_SECONDS,
    fanoutBatch: env.FEED_FANOUT_BATCH,
    fanoutGroup: env.FEED_FANOUT_GROUP,
  };
  return { ...env, timelines };
}
