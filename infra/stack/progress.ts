/** Progress lines for people watching `npm start` / `infra:up` (a CLI, not a service log). */
const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)}s`.padStart(6);
let quiet = false;
const line = (text: string) => {
  if (!quiet) process.stdout.write(`${text}\n`);
};

export const progress = {
  step: (message: string) => line(`${elapsed()}  • ${message}`),
  ok: (message: string) => line(`${elapsed()}  ✓ ${message}`),
  fail: (message: string) => console.error(`${elapsed()}  ✗ ${message}`),
  info: (message: string) => line(`          ${message}`),
};

/** Silences everything but failures (the programmatic API in tests). */
export function setQuietProgress(value: boolean): void {
  quiet = value;
}

export function secondsSince(start: number): string {
  return ((Date.now() - start) / 1000).toFixed(1);
}
