import type { Redis } from '@flock/redis';
import type { Script } from './scripts';

/**
 * Runs the feed's Lua scripts by SHA, sending the source again when Redis has forgotten it
 * (a restart, a failover). Commands go through sendCommand: half the client CPU of evalSha
 * on the fan-out path.
 */
export class ScriptRunner {
  constructor(private readonly redis: Redis) {}

  /** Runs a script once, on these keys. */
  async run(script: Script, keys: string[], args: string[]): Promise<unknown> {
    const command = (name: string, body: string) => [
      name,
      body,
      String(keys.length),
      ...keys,
      ...args,
    ];
    try {
      return await this.redis.sendCommand(command('EVALSHA', script.sha));
    } catch (error) {
      if (!isNoScript(error)) throw error;
      return this.redis.sendCommand(command('EVAL', script.source));
    }
  }

  /**
   * Runs a one-key script on each key with the same arguments, pipelined: one command and one
   * promise per key (the fan-out's hot path). If Redis lost the script, it is loaded and the
   * whole batch run again — the scripts are idempotent.
   */
  async runOnEachKey(script: Script, keys: string[], args: string[]): Promise<unknown[]> {
    const send = () =>
      Promise.all(
        keys.map((key) => this.redis.sendCommand(['EVALSHA', script.sha, '1', key, ...args])),
      );
    try {
      return await send();
    } catch (error) {
      if (!isNoScript(error)) throw error;
      await this.redis.scriptLoad(script.source);
      return send();
    }
  }
}

function isNoScript(error: unknown): boolean {
  return error instanceof Error && error.message.includes('NOSCRIPT');
}
