import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { infraFile, repoRoot } from './paths';
import type { Processes } from './processes';

/**
 * Supervised processes: `startSupervised` runs a small supervisor (supervisor-main.ts) as
 * the detached, tracked process of the name, and the supervisor runs the command as its
 * child, in the same process group. A child that exits is started again after a delay that
 * doubles from `initialMs` up to `maxMs`, back to `initialMs` once a run lasted `resetAfterMs`.
 * `stopSupervised` (what `npm stop` does) stops both without a restart.
 *
 * Files, in <state dir>/run/: `<name>.pid` the supervisor (the process group, as for every
 * tracked process), `<name>.state.json` its `SupervisedState`, `<name>.stopping` while a stop
 * is under way. Restarts and exits are logged to <state dir>/logs/<name>.log, with the output.
 */
export interface RestartPolicy {
  initialMs: number;
  maxMs: number;
  resetAfterMs: number;
}

export const defaultRestartPolicy: RestartPolicy = {
  initialMs: 1_000,
  maxMs: 30_000,
  resetAfterMs: 60_000,
};

/** What the supervisor records after each start and exit of its child. */
export interface SupervisedState {
  name: string;
  supervisorPid: number;
  /** The running child, absent while it waits for a restart. */
  pid?: number;
  /** When the running child started (ms since epoch). */
  startedAt?: number;
  restarts: number;
  lastExit?: { code: number | null; signal: string | null; at: number };
}

/** What the supervisor process is given (as JSON in FLOCK_SUPERVISED). */
export interface SupervisedCommand {
  name: string;
  command: string;
  args: string[];
  cwd: string;
  stateFile: string;
  stopFile: string;
  policy: RestartPolicy;
}

export const SUPERVISED_ENV = 'FLOCK_SUPERVISED';

/** The delay before restart number `quickExits` of a run of quick exits (1, 2, 3, ...). */
export function restartDelayMs(quickExits: number, policy: RestartPolicy): number {
  return Math.min(policy.initialMs * 2 ** Math.max(0, quickExits - 1), policy.maxMs);
}

const stateFile = (procs: Processes, name: string) => procs.paths.runFile(`${name}.state.json`);
const stopFile = (procs: Processes, name: string) => procs.paths.runFile(`${name}.stopping`);

/** Starts `command` under a supervisor; returns the supervisor's pid (the tracked one). */
export function startSupervised(
  procs: Processes,
  name: string,
  command: string,
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; policy?: RestartPolicy },
): number {
  rmSync(stopFile(procs, name), { force: true });
  rmSync(stateFile(procs, name), { force: true });
  const supervised: SupervisedCommand = {
    name,
    command,
    args,
    cwd: options.cwd,
    stateFile: stateFile(procs, name),
    stopFile: stopFile(procs, name),
    policy: options.policy ?? defaultRestartPolicy,
  };
  return procs.startDetached(
    name,
    process.execPath,
    ['--import', 'tsx', infraFile('stack', 'supervisor-main.ts')],
    {
      cwd: repoRoot,
      env: { ...options.env, [SUPERVISED_ENV]: JSON.stringify(supervised) },
    },
  );
}

/** Stops the supervisor and its child together, without a restart. */
export async function stopSupervised(
  procs: Processes,
  name: string,
  graceMs?: number,
): Promise<boolean> {
  // Read by the supervisor when its child exits: a stop, not a crash (the signal may reach
  // the child first).
  writeFileSync(stopFile(procs, name), String(Date.now()));
  try {
    return await procs.stopTracked(name, graceMs);
  } finally {
    rmSync(stopFile(procs, name), { force: true });
  }
}

export function supervisedState(procs: Processes, name: string): SupervisedState | undefined {
  const file = stateFile(procs, name);
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as SupervisedState;
  } catch {
    return undefined; // written by rename, so only a missing file; be lenient anyway
  }
}

/** `pid 123, restarts 2, last exit SIGKILL 12:03:04`, for infra:status. */
export function describeSupervised(state: SupervisedState): string {
  const parts = [state.pid ? `pid ${state.pid}` : 'restarting', `restarts ${state.restarts}`];
  if (state.lastExit) {
    const how = state.lastExit.signal ?? `code ${state.lastExit.code}`;
    const at = new Date(state.lastExit.at).toTimeString().slice(0, 8);
    parts.push(`last exit ${how} ${at}`);
  }
  return parts.join(', ');
}
