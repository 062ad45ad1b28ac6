import { join } from 'node:path';
import type { Component } from '../component';
import { repoRoot } from '../paths';
import { startDetached, stopTracked, waitUntil } from '../processes';

/** MailDev: catches every email sent in development and shows it in a web inbox. */
export function mail(smtpUrl: string, webUrl: string): Component {
  const smtp = new URL(smtpUrl);
  const web = new URL(webUrl);
  return {
    name: 'mail',
    endpoint: `${smtpUrl} (inbox ${webUrl})`,
    async probe() {
      const response = await fetch(new URL('/api/healthz', webUrl), {
        signal: AbortSignal.timeout(2000),
      });
      return response.ok;
    },
    async start() {
      const bin = join(repoRoot, 'node_modules', 'maildev', 'dist', 'bin', 'maildev.js');
      startDetached('mail', process.execPath, [
        bin,
        '--ip',
        smtp.hostname,
        '--smtp',
        smtp.port || '1025',
        '--web-ip',
        web.hostname,
        '--web',
        web.port || '1080',
      ]);
      await waitUntil('mail catcher', () => this.probe(), {
        timeoutMs: 20_000,
        processName: 'mail',
      });
    },
    stop: () => stopTracked('mail'),
  };
}
