import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { progress, secondsSince } from './progress';

/** The java binary: $JAVA_HOME/bin/java when set, else the one on PATH (17 or newer). */
export function javaBinary(): string {
  return process.env.JAVA_HOME ? join(process.env.JAVA_HOME, 'bin', 'java') : 'java';
}

export function javacBinary(): string {
  return process.env.JAVA_HOME ? join(process.env.JAVA_HOME, 'bin', 'javac') : 'javac';
}

/**
 * Copies a pom's runtime dependencies from Maven Central (through the local ~/.m2 cache)
 * into `dest`, once per pom content. The jars stay out of git (.flock/lib).
 */
export async function ensureJars(label: string, pom: string, dest: string): Promise<void> {
  const digest = createHash('sha256').update(readFileSync(pom)).digest('hex');
  const marker = join(dest, '.resolved');
  if (existsSync(marker) && readFileSync(marker, 'utf8') === digest) return;
  const started = Date.now();
  progress.step(`resolving ${label} jars from Maven Central (first run only)…`);
  rmSync(dest, { recursive: true, force: true });
  // Asynchronous, so the other components keep starting (and polling) meanwhile.
  const status = await run(
    'mvn',
    [
      '-B',
      '-q',
      '-f',
      pom,
      'dependency:copy-dependencies',
      '-DincludeScope=runtime',
      `-DoutputDirectory=${dest}`,
    ],
    label,
  );
  if (status !== 0) throw new Error(`Maven could not resolve ${label} (exit ${status})`);
  writeFileSync(marker, digest);
  progress.ok(`${label} jars ready in ${secondsSince(started)} s`);
}

/**
 * Compiles a single-file Java program into `outDir` when its source is newer. Asynchronous,
 * as is everything slow here: a blocked event loop makes the other components' probes time
 * out, and a probe that fails starts the component.
 */
export async function ensureCompiled(
  source: string,
  classpath: string,
  outDir: string,
): Promise<void> {
  const className =
    source
      .split('/')
      .pop()
      ?.replace(/\.java$/, '') ?? '';
  const compiled = join(outDir, `${className}.class`);
  if (existsSync(compiled) && statSync(compiled).mtimeMs >= statSync(source).mtimeMs) return;
  const status = await run(javacBinary(), ['-d', outDir, '-cp', classpath, source], 'javac');
  if (status !== 0) throw new Error(`javac failed for ${source}`);
}

/** Runs a Java main class to completion; rejects with its output when it fails. */
export async function runJava(args: string[], what: string): Promise<void> {
  const status = await run(javaBinary(), args, what);
  if (status !== 0) throw new Error(`${what} failed (exit ${status})`);
}

function run(command: string, args: string[], label: string): Promise<number> {
  return new Promise((resolve, reject) => {
    // Quiet unless it fails: then the tool's output explains why.
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    child.on('error', (error) =>
      reject(new Error(`${command} is needed for ${label}: ${error.message}`)),
    );
    child.on('exit', (code) => {
      if (code !== 0) process.stderr.write(output);
      resolve(code ?? 1);
    });
  });
}
