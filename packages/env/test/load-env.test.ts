import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  EnvError,
  kafkaModel,
  loadEnv,
  redisModel,
  requiredInProduction,
  resolveLocalStack,
  serviceModel,
} from '../src';

const schema = z.object({
  ...serviceModel.shape,
  ...redisModel.shape,
  ...kafkaModel.shape,
  PORT: z.coerce.number().int().min(1).max(65535),
  JWT_ISSUER: z.string().min(1),
});

describe('loadEnv', () => {
  it('returns typed values with defaults applied', () => {
    const env = loadEnv(schema, { PORT: '4001', JWT_ISSUER: 'flock', KAFKA_BROKERS: 'a:1, b:2' });
    expect(env.PORT).toBe(4001);
    expect(env.KAFKA_BROKERS).toEqual(['a:1', 'b:2']);
    expect(env.REDIS_URL).toBe('redis://127.0.0.1:6379');
    expect(env.LOG_PRETTY).toBe(false);
  });

  it('reports every missing or malformed variable in one error', () => {
    let error: unknown;
    try {
      loadEnv(schema, { PORT: 'eighty', REDIS_URL: 'http://nope', LOG_LEVEL: 'loud' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(EnvError);
    const { problems, message } = error as EnvError;
    expect(problems).toHaveLength(4);
    for (const name of ['PORT', 'REDIS_URL', 'LOG_LEVEL', 'JWT_ISSUER']) {
      expect(message).toContain(name);
    }
    expect(message).toContain('JWT_ISSUER: is required but not set');
  });

  it('treats an empty value as unset', () => {
    expect(() => loadEnv(schema, { PORT: '1', JWT_ISSUER: '' })).toThrow(/JWT_ISSUER: is required/);
  });
});

describe('requiredInProduction', () => {
  const secrets = z
    .object({ ...serviceModel.shape, SECRET: z.string().optional() })
    .superRefine(requiredInProduction(['SECRET']));

  it('lets development run without the secret and stops production without it', () => {
    expect(loadEnv(secrets, {}).SECRET).toBeUndefined();
    expect(() => loadEnv(secrets, { NODE_ENV: 'production' })).toThrow(/SECRET: is required/);
    expect(loadEnv(secrets, { NODE_ENV: 'production', SECRET: 's' }).SECRET).toBe('s');
  });
});

describe('resolveLocalStack', () => {
  it('takes overrides from the environment', () => {
    const stack = resolveLocalStack({ KAFKA_BROKERS: '127.0.0.1:19092', MAIL_WEB_PORT: '2080' });
    expect(stack.kafkaBroker).toBe('127.0.0.1:19092');
    expect(stack.mailWebUrl).toBe('http://127.0.0.1:2080');
    expect(stack.neo4jUri).toBe('bolt://127.0.0.1:7687');
  });
});
