/**
 * The supervisor process of one service (started by supervision.ts `startSupervised`, run
 * with `node --import tsx`): runs the command, restarts it with backoff when it exits, records
 * `SupervisedState`, and on SIGTERM/SIGINT stops the child and exits without restarting.
 * Its own output goes to the service's log, as the child's does.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, renameSync, writeFileSync } from 'node:fs';
import {
  restartDelayMs,
  SUPERVISED_ENV,
  type SupervisedCommand,
  type SupervisedState,
} from './supervision';

const config = JSON.parse(process.env[SUPERVISED_ENV] ?? '{}') as SupervisedCommand;
const { [SUPERVISED_ENV]: _config, ...childEnv } = process.env;

const state: SupervisedState = { name: config.name, supervisorPid: process.pid, restarts: 0 };
let child: ChildProcess | undefined;
let restartTimer: NodeJS.Timeout | undefined;
let stopping = false;
let quickExits = 0;

const log = (message: string) =>
  process.stdout.write(`${new Date().toISOString()} [supervisor] ${config.name}: ${message}\n`);

function record(): void {
  const tmp = `${config.stateFile}.tmp`;
  writeFileSync(tmp, JSON.stringify(state));
  renameSync(tmp, config.stateFile);
}

function launch(): void {
  restartTimer = undefined;
  const startedAt = Date.now();
  const running = spawn(config.command, config.args, {
    cwd: config.cwd,
    env: childEnv,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  child = running;
  state.pid = running.pid;
  state.startedAt = startedAt;
  record();
  let exited = false;
  const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
    if (exited) return;
    exited = true;
    child = undefined;
    state.pid = undefined;
    state.startedAt = undefined;
    if (stopping || existsSync(config.stopFile)) {
      record();
      process.exit(0);
    }
    const upMs = Date.now() - startedAt;
    quickExits = upMs >= config.policy.resetAfterMs ? 1 : quickExits + 1;
    const delayMs = restartDelayMs(quickExits, config.policy);
    state.restarts += 1;
    state.lastExit = { code, signal, at: Date.now() };
    record();
    log(
      `exited (${signal ?? `code ${code}`}) after ${(upMs / 1000).toFixed(1)} s; ` +
        `restart ${state.restarts} in ${(delayMs / 1000).toFixed(1)} s`,
    );
    restartTimer = setTimeout(launch, delayMs);
  };
  running.on('exit', onExit);
  running.on('error', (error) => {
    log(`could not start ${config.command}: ${error.message}`);
    onExit(null, null);
  });
}

function stop(signal: NodeJS.Signals): void {
  if (stopping) return;
  stopping = true;
  if (restartTimer) clearTimeout(restartTimer);
  if (!child) {
    record();
    process.exit(0);
  }
  log(`${signal}: stopping`);
  // The child has its own graceful shutdown; a second SIGTERM (from the group) is harmless.
  child.kill('SIGTERM');
}

process.on('SIGTERM', () => stop('SIGTERM'));
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGHUP', () => {});
log(`supervising ${[config.command, ...config.args].join(' ')}`);
launch();
