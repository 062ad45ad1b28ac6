import { spawn } from 'node:child_process';
import { existsSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { paths } from './paths';

/**
 * Background processes the stack starts. Each is the leader of its own process group, its
 * pid is kept in .flock/run/<name>.pid and its output in .flock/logs/<name>.log, so that
 * `infra:down` stops exactly what `infra:up` started, children included.
 */
const pidFile = (name: string) => join(paths.run(), `${name}.pid`);

export function startDetached(
  name: string,
  command: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): number {
  const out = openSync(paths.log(name), 'a');
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    detached: true,
    stdio: ['ignore', out, out],
  });
  if (child.pid === undefined) throw new Error(`could not start ${name} (${command})`);
  child.unref();
  writeFileSync(pidFile(name), String(child.pid));
  return child.pid;
}

export function trackedPid(name: string): number | undefined {
  const file = pidFile(name);
  if (!existsSync(file)) return undefined;
  const pid = Number(readFileSync(file, 'utf8').trim());
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Is the tracked process of this name running? (false when another process serves the port) */
export function isTrackedAlive(name: string): boolean {
  const pid = trackedPid(name);
  return pid !== undefined && isAlive(pid);
}

/** SIGTERM to the process group, then SIGKILL after `graceMs`. Returns true if it was running. */
export async function stopTracked(name: string, graceMs = 30_000): Promise<boolean> {
  const pid = trackedPid(name);
  rmSync(pidFile(name), { force: true });
  if (pid === undefined || !isAlive(pid)) return false;
  signalGroup(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (isAlive(pid) && Date.now() < deadline) await delay(100);
  if (isAlive(pid)) signalGroup(pid, 'SIGKILL');
  while (isAlive(pid)) await delay(50);
  return true;
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

export function tailLog(name: string, lines = 20): string {
  const file = paths.log(name);
  if (!existsSync(file)) return '(no log)';
  return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
}

export const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `probe` until it succeeds; fails early when the process it waits for has died. */
export async function waitUntil(
  what: string,
  probe: () => Promise<boolean>,
  { timeoutMs, processName }: { timeoutMs: number; processName?: string },
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await probe().catch(() => false)) return;
    if (processName && !isTrackedAlive(processName)) {
      throw new Error(`${what} exited during start-up; last log lines:\n${tailLog(processName)}`);
    }
    if (Date.now() > deadline) {
      const log = processName ? `; last log lines:\n${tailLog(processName)}` : '';
      throw new Error(`${what} not ready after ${timeoutMs / 1000} s${log}`);
    }
    await delay(250);
  }
}
