import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

  it('takes a Redis Cluster as a list of redis:// node URLs, and refuses anything else', () => {
    const base = { PORT: '1', JWT_ISSUER: 'flock' };
    expect(loadEnv(schema, base).REDIS_CLUSTER_NODES).toBeUndefined();
    expect(
      loadEnv(schema, {
        ...base,
        REDIS_CLUSTER_NODES: 'redis://a:7000, rediss://:secret@b:7001',
      }).REDIS_CLUSTER_NODES,
    ).toEqual(['redis://a:7000', 'rediss://:secret@b:7001']);
    for (const bad of ['http://a:7000', 'a:7000', 'redis://a:7000,nope']) {
      expect(() => loadEnv(schema, { ...base, REDIS_CLUSTER_NODES: bad })).toThrow(
        /REDIS_CLUSTER_NODES/,
      );
    }
  });
});

describe('loadEnv: <NAME>_FILE', () => {
  const dir = mkdtempSync(join(tmpdir(), 'flock-env-'));
  const file = (name: string, content: string) => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };
  const secrets = z
    .object({
      ...serviceModel.shape,
      ...redisModel.shape,
      SECRET: z.string().optional(),
      DATABASE_URL: z.url(),
    })
    .superRefine(requiredInProduction(['SECRET']))
    .transform((env) => ({ ...env, transformed: true }));

  it('reads a value from the file, dropping one trailing newline', () => {
    const env = loadEnv(secrets, {
      SECRET_FILE: file('secret', 'line one\nline two\n\n'),
      DATABASE_URL_FILE: file('database-url', 'postgres://app:pw@db:5432/identity\r\n'),
      NODE_ENV: 'production',
    });
    expect(env.SECRET).toBe('line one\nline two\n');
    expect(env.DATABASE_URL).toBe('postgres://app:pw@db:5432/identity');
    expect(env.transformed).toBe(true);
  });

  it('refuses a variable given both ways, naming it', () => {
    expect(() =>
      loadEnv(secrets, {
        SECRET: 'inline',
        SECRET_FILE: file('both', 'from file'),
        DATABASE_URL: 'postgres://db/x',
      }),
    ).toThrow('SECRET: set both SECRET and SECRET_FILE; give only one of them');
  });

  it('reports an unreadable file with its variable, beside every other problem, once', () => {
    let error: unknown;
    try {
      loadEnv(secrets, {
        SECRET_FILE: join(dir, 'missing'),
        DATABASE_URL_FILE: file('bad-url', 'not a url\n'),
        REDIS_URL: 'http://nope',
        NODE_ENV: 'production',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(EnvError);
    expect((error as EnvError).problems).toEqual([
      `SECRET_FILE: cannot read ${join(dir, 'missing')} (ENOENT)`,
      expect.stringMatching(/^REDIS_URL: /),
      expect.stringMatching(/^DATABASE_URL \(from DATABASE_URL_FILE\): /),
    ]);
    // The file's content is never echoed.
    expect((error as EnvError).message).not.toContain('not a url');
  });

  it('treats an empty file as an unset value', () => {
    expect(() =>
      loadEnv(secrets, { DATABASE_URL_FILE: file('empty', '\n'), NODE_ENV: 'development' }),
    ).toThrow('DATABASE_URL: is required but not set');
  });

  it('leaves _FILE variables the schema does not know alone (SSL_CERT_FILE, ...)', () => {
    const env = loadEnv(secrets, {
      SSL_CERT_FILE: join(dir, 'not-there.pem'),
      DATABASE_URL: 'postgres://db/x',
    });
    expect(env.DATABASE_URL).toBe('postgres://db/x');
    expect(env).not.toHaveProperty('SSL_CERT');
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
