import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { StackPaths } from './paths';

/**
 * Background processes of one stack. Each is the leader of its own process group, its pid is
 * kept in <state dir>/run/<name>.pid and its output in <state dir>/logs/<name>.log, so that
 * `infra:down` stops exactly what `infra:up` started, children included, and a second stack
 * (another state dir) never touches the first one's processes.
 */
export interface Processes {
  paths: StackPaths;
  /** Starts `command` detached in its own process group; returns its pid. */
  startDetached(
    name: string,
    command: string,
    args: string[],
    options?: { cwd?: string; env?: NodeJS.ProcessEnv },
  ): number;
  trackedPid(name: string): number | undefined;
  /** Is the tracked process of this name running? (false when another process serves the port) */
  isTrackedAlive(name: string): boolean;
  /** SIGTERM to the process group, then SIGKILL after `graceMs`. Returns true if it was running. */
  stopTracked(name: string, graceMs?: number): Promise<boolean>;
  tailLog(name: string, lines?: number): string;
  /** Polls `probe` until it succeeds; fails early when the process it waits for has died. */
  waitUntil(
    what: string,
    probe: () => Promise<boolean>,
    options: { timeoutMs: number; processName?: string },
  ): Promise<void>;
}

export function processes(paths: StackPaths): Processes {
  const pidFile = (name: string) => paths.runFile(`${name}.pid`);

  const trackedPid = (name: string) => {
    const file = pidFile(name);
    if (!existsSync(file)) return undefined;
    const pid = Number(readFileSync(file, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  };

  const isTrackedAlive = (name: string) => {
    const pid = trackedPid(name);
    return pid !== undefined && isAlive(pid);
  };

  const tailLog = (name: string, lines = 20) => {
    const file = paths.log(name);
    if (!existsSync(file)) return '(no log)';
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  };

  return {
    paths,
    trackedPid,
    isTrackedAlive,
    tailLog,
    startDetached(name, command, args, options = {}) {
      const out = openSync(paths.log(name), 'a');
      const child = spawn(command, args, {
        cwd: options.cwd,
        env: { ...process.env, ...options.env },
        detached: true,
        stdio: ['ignore', out, out],
      });
      closeSync(out);
      if (child.pid === undefined) throw new Error(`could not start ${name} (${command})`);
      child.unref();
      writeFileSync(pidFile(name), String(child.pid));
      return child.pid;
    },
    async stopTracked(name, graceMs = 30_000) {
      const pid = trackedPid(name);
      rmSync(pidFile(name), { force: true });
      // The group, not the leader: a leader killed alone may have left its children running.
      if (pid === undefined || !isGroupAlive(pid)) return false;
      signalGroup(pid, 'SIGTERM');
      const deadline = Date.now() + graceMs;
      while (isGroupAlive(pid) && Date.now() < deadline) await delay(100);
      if (isGroupAlive(pid)) signalGroup(pid, 'SIGKILL');
      while (isGroupAlive(pid)) await delay(50);
      return true;
    },
    async waitUntil(what, probe, { timeoutMs, processName }) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        if (await probe().catch(() => false)) return;
        if (processName && !isTrackedAlive(processName)) {
          throw new Error(
            `${what} exited during start-up; last log lines:\n${tailLog(processName)}`,
          );
        }
        if (Date.now() > deadline) {
          const log = processName ? `; last log lines:\n${tailLog(processName)}` : '';
          throw new Error(`${what} not ready after ${timeoutMs / 1000} s${log}`);
        }
        await delay(250);
      }
    },
  };
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Does any process of the group led (or once led) by `pid` still run? */
function isGroupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return isAlive(pid);
  }
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    try {
      process.kill(pid, signal);
    } catch {
      // already gone
    }
  }
}

export const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
