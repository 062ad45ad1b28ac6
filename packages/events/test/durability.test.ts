import { EnvError, kafkaModel, loadEnv } from '@flock/env';
import { testLogger } from '@flock/testing';
import { describe, expect, it } from 'vitest';
import { createKafka, ensureTopics, kafkaDurability } from '../src';

describe('Kafka durability settings', () => {
  it('default to one replica and acks from every in-sync replica', () => {
    expect(kafkaDurability(loadEnv(kafkaModel, {}))).toEqual({
      topics: { replicationFactor: 1, minInsyncReplicas: 1 },
      acks: -1,
      createTopics: true,
    });
  });

  it('leave making topics to the create-topics job in production', () => {
    const env = loadEnv(kafkaModel, {});
    expect(kafkaDurability({ ...env, NODE_ENV: 'production' }).createTopics).toBe(false);
    expect(kafkaDurability({ ...env, NODE_ENV: 'development' }).createTopics).toBe(true);
  });

  it('read replication, min.insync.replicas and acks from the env', () => {
    const env = loadEnv(kafkaModel, {
      KAFKA_REPLICATION_FACTOR: '3',
      KAFKA_MIN_INSYNC_REPLICAS: '2',
      KAFKA_PRODUCER_ACKS: '1',
    });
    expect(kafkaDurability(env)).toEqual({
      topics: { replicationFactor: 3, minInsyncReplicas: 2 },
      acks: 1,
      createTopics: true,
    });
    expect(loadEnv(kafkaModel, { KAFKA_PRODUCER_ACKS: 'all' }).KAFKA_PRODUCER_ACKS).toBe(-1);
    expect(loadEnv(kafkaModel, { KAFKA_PRODUCER_ACKS: '-1' }).KAFKA_PRODUCER_ACKS).toBe(-1);
    expect(loadEnv(kafkaModel, { KAFKA_PRODUCER_ACKS: '0' }).KAFKA_PRODUCER_ACKS).toBe(0);
  });

  it('reports bad values together', () => {
    expect(() =>
      loadEnv(kafkaModel, { KAFKA_REPLICATION_FACTOR: '0', KAFKA_PRODUCER_ACKS: '2' }),
    ).toThrow(EnvError);
    try {
      loadEnv(kafkaModel, { KAFKA_REPLICATION_FACTOR: '0', KAFKA_PRODUCER_ACKS: '2' });
    } catch (error) {
      expect((error as EnvError).problems.map((p) => p.split(':')[0])).toEqual([
        'KAFKA_REPLICATION_FACTOR',
        'KAFKA_PRODUCER_ACKS',
      ]);
    }
  });

  it('refuses topics whose min.insync.replicas exceeds their replication', async () => {
    // Never connects: the settings are checked first.
    const kafka = createKafka({ clientId: 't', brokers: ['127.0.0.1:1'], logger: testLogger() });
    await expect(
      ensureTopics(kafka, [{ name: 'never.created' }], {
        replicationFactor: 1,
        minInsyncReplicas: 2,
      }),
    ).rejects.toThrow(/min.insync.replicas \(2\) exceeds the replication factor \(1\)/);
  });
});
