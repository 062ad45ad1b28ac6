import { resolveLocalStack } from '@flock/env';
import { testLogger, uniqueId } from '@flock/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  closeRedis,
  createRedis,
  deleteKeys,
  groupKeys,
  isCluster,
  type Redis,
  sendCommand,
  serverClients,
  setMemberPages,
  transaction,
} from '../src/index';

const stack = resolveLocalStack(process.env);
const logger = testLogger();
const standalone = createRedis({ url: stack.redisUrl, logger });
const cluster = createRedis({ url: stack.redisUrl, clusterNodes: stack.redisClusterNodes, logger });
const prefix = uniqueId('rediscl').replace('_', '');

beforeAll(() => Promise.all([standalone.connect(), cluster.connect()]));
afterAll(async () => {
  for (const redis of [standalone, cluster]) {
    await deleteKeys(redis, `${prefix}:*`);
    await closeRedis(redis);
  }
});

const homes = (n: number) => Array.from({ length: n }, (_, i) => `${prefix}:{u:${i}}:home`);

describe('the local Redis Cluster', () => {
  it('has 3 masters serving every slot', async () => {
    expect(isCluster(cluster)).toBe(true);
    expect(isCluster(standalone)).toBe(false);
    const masters = await serverClients(cluster);
    expect(masters).toHaveLength(3);
    const info = await masters[0]?.sendCommand(['CLUSTER', 'INFO']);
    expect(String(info)).toMatch(/cluster_state:ok/);
    expect(String(info)).toMatch(/cluster_slots_assigned:16384/);
  });

  it('refuses a script whose keys cross hash slots', async () => {
    const script = (redis: Redis) =>
      sendCommand(redis, `${prefix}:{a}:x`, [
        'EVAL',
        "redis.call('SET', KEYS[1], '1') redis.call('SET', KEYS[2], '2') return 1",
        '2',
        `${prefix}:{a}:x`,
        `${prefix}:{b}:y`,
      ]);
    await expect(script(cluster)).rejects.toThrow(/CROSSSLOT/);
    // The same call on a standalone Redis works: only the tests on the cluster catch it.
    expect(await script(standalone)).toBe(1);
  });
});

describe.each([
  ['standalone', standalone],
  ['cluster', cluster],
] as [string, Redis][])('helpers on a %s Redis', (mode, redis) => {
  it('groups keys a command may touch together, each key once, at most `size` per group', async () => {
    const keys = homes(500);
    const groups = groupKeys(redis, keys, 100);
    expect(groups.flat().sort()).toEqual([...keys].sort());
    expect(Math.max(...groups.map((g) => g.length))).toBeLessThanOrEqual(100);
    if (mode === 'standalone') {
      expect(groups.map((g) => g.length)).toEqual([100, 100, 100, 100, 100]);
      return;
    }
    // One slot per group, as the server itself computes it.
    const node = (await serverClients(redis))[0];
    for (const group of groups) {
      const slots = await Promise.all(
        group.map((key) => node?.sendCommand(['CLUSTER', 'KEYSLOT', key])),
      );
      expect(new Set(slots).size).toBe(1);
    }
    // Grouping is by slot: keys sharing a hash tag land in one group.
    const tagged = Array.from({ length: 30 }, (_, i) => `${prefix}:{celebrity}:${i}`);
    expect(groupKeys(redis, tagged, 100)).toEqual([tagged]);
  });

  it('runs a many-key script on each group, and MULTI on one key, SSCAN and SCAN across nodes', async () => {
    const keys = homes(300);
    const groups = groupKeys(redis, keys, 64);
    const written = await Promise.all(
      groups.map((group) =>
        sendCommand<number>(redis, group[0] ?? '', [
          'EVAL',
          "for i = 1, #KEYS do redis.call('SET', KEYS[i], ARGV[1]) end return #KEYS",
          String(group.length),
          ...group,
          'v',
        ]),
      ),
    );
    expect(written.reduce((a, b) => a + Number(b), 0)).toBe(300);

    const [, , ttl] = await transaction(redis, `${prefix}:{t}:a`)
      .set(`${prefix}:{t}:a`, '1')
      .set(`${prefix}:{t}:b`, '2')
      .pTTL(`${prefix}:{t}:a`)
      .exec();
    expect(ttl).toBe(-1);

    const set = `${prefix}:{s}:members`;
    await redis.sAdd(
      set,
      Array.from({ length: 250 }, (_, i) => `m${i}`),
    );
    const pages: string[][] = [];
    for await (const page of setMemberPages(redis, set, 50)) pages.push(page);
    expect(new Set(pages.flat()).size).toBe(250);

    // Every node's keys (on a cluster the homes are spread over all three masters).
    expect(await deleteKeys(redis, `${prefix}:{u:*`)).toBe(300);
  });
});
