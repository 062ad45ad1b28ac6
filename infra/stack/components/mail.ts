import { join } from 'node:path';
import type { Component } from '../component';
import { repoRoot } from '../paths';
import type { Processes } from '../processes';

/** MailDev: catches every email sent in development and shows it in a web inbox. */
export function mail(smtpUrl: string, webUrl: string, procs: Processes): Component {
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
      procs.startDetached(
        'mail',
        process.execPath,
        [
          bin,
          '--ip',
          smtp.hostname,
          '--smtp',
          smtp.port || '1025',
          '--web-ip',
          web.hostname,
          '--web',
          web.port || '1080',
        ],
        {
          // The inbox stays in memory; the raw messages go to $TMPDIR/maildev, so into the state dir.
          env: { TMPDIR: procs.paths.data('mail') },
        },
      );
      await procs.waitUntil('mail catcher', () => this.probe(), {
        timeoutMs: 20_000,
        processName: 'mail',
      });
    },
    stop: () => procs.stopTracked('mail'),
  };
}
