import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const fixture = join(import.meta.dirname, 'fixtures', 'bad-env-main.ts');

function runFixture(env: Record<string, string>) {
  return spawnSync(process.execPath, ['--import', 'tsx', fixture], {
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
  });
}

describe('a service started with bad configuration', () => {
  it('exits 1 with one message naming every bad variable', () => {
    const result = runFixture({
      REDIS_URL: 'http://wrong',
      LOG_LEVEL: 'chatty',
      KAFKA_BROKERS: ' , ',
    });
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    const message = result.stderr;
    expect(message.match(/Invalid configuration/g)).toHaveLength(1);
    for (const name of ['REDIS_URL', 'LOG_LEVEL', 'KAFKA_BROKERS', 'PORT']) {
      expect(message).toContain(`- ${name}:`);
    }
  });

  it('starts when the configuration is valid', () => {
    const result = runFixture({ PORT: '4000' });
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('started with 4000');
    expect(result.status).toBe(0);
  });
});
