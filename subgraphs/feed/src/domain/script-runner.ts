import { groupKeys, type Redis, sendCommand } from '@flock/redis';
import type { Script } from './scripts';

/**
 * Runs the feed's Lua scripts by SHA, sending the source instead when Redis has forgotten it
 * (a restart, a failover; on a cluster, a node that never saw it). Commands go through
 * sendCommand: half the client CPU of evalSha on the fan-out path.
 */
export class ScriptRunner {
  constructor(private readonly redis: Redis) {}

  /** Runs a script once, on these keys (one hash slot on a cluster). */
  async run(script: Script, keys: string[], args: string[]): Promise<unknown> {
    const [result] = await this.runOnGroups(script, [keys], args);
    return result;
  }

  /**
   * Runs a many-key script on all of `keys`, as few calls as Redis allows, each at most
   * `groupSize` keys (on a cluster, each call one hash slot's keys), pipelined. Returns each
   * call's result.
   */
  runGrouped(script: Script, keys: readonly string[], args: string[], groupSize: number) {
    return this.runOnGroups(script, groupKeys(this.redis, keys, groupSize), args);
  }

  /**
   * One call per group of keys, pipelined. If Redis lost the script, the whole batch runs again
   * with its source (EVAL, which also caches it): the scripts are idempotent.
   */
  private async runOnGroups(
    script: Script,
    groups: readonly string[][],
    args: string[],
  ): Promise<unknown[]> {
    const send = (name: string, body: string) =>
      Promise.all(
        groups.map((keys) =>
          sendCommand(this.redis, keys[0] ?? '', [
            name,
            body,
            String(keys.length),
            ...keys,
            ...args,
          ]),
        ),
      );
    try {
      return await send('EVALSHA', script.sha);
    } catch (error) {
      if (!isNoScript(error)) throw error;
      return send('EVAL', script.source);
    }
  }
}

function isNoScript(error: unknown): boolean {
  return error instanceof Error && error.message.includes('NOSCRIPT');
}
