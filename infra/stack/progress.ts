/** Progress lines for people watching `npm start` / `infra:up`. */
const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)}s`.padStart(6);

export const progress = {
  step: (message: string) => console.log(`${elapsed()}  • ${message}`),
  ok: (message: string) => console.log(`${elapsed()}  ✓ ${message}`),
  fail: (message: string) => console.error(`${elapsed()}  ✗ ${message}`),
  info: (message: string) => console.log(`          ${message}`),
};

export function secondsSince(start: number): string {
  return ((Date.now() - start) / 1000).toFixed(1);
}
