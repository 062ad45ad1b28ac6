import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';

/**
 * The client's address, as the gateway saw it (after its trusted proxies). The gateway sets
 * this header on every subgraph call, overwriting whatever a client sent; subgraphs are
 * reachable only from the gateway, so identity believes it. Without it (a direct call in
 * development), the socket's peer is the client.
 */
export const CLIENT_IP_HEADER = 'x-flock-client-ip';

export function clientAddressOf(req: IncomingMessage): string {
  const header = req.headers[CLIENT_IP_HEADER];
  const forwarded = typeof header === 'string' ? unmapped(header.trim()) : '';
  if (isIP(forwarded)) return forwarded;
  return unmapped(req.socket.remoteAddress ?? 'unknown');
}

/** Set by the gateway on every subgraph call to the client's User-Agent ('' for none). */
export const CLIENT_AGENT_HEADER = 'x-flock-client-agent';

/**
 * The client's user agent as the gateway forwarded it, else (a direct call in development)
 * the request's own; control characters dropped, at most 512 characters; null for none.
 */
export function clientAgentOf(req: IncomingMessage): string | null {
  const forwarded = req.headers[CLIENT_AGENT_HEADER];
  const raw = typeof forwarded === 'string' ? forwarded : (req.headers['user-agent'] ?? '');
  const clean = raw
    .replace(/[\p{Cc}]/gu, '')
    .trim()
    .slice(0, 512);
  return clean || null;
}

/**
 * The bucket an address is limited in: an IPv4 address itself, an IPv6 address by its /64
 * (one subscriber usually holds a whole /64, so single IPv6 addresses cost an attacker nothing).
 */
export function clientBucketOf(address: string): string {
  if (isIP(address) !== 6) return address;
  return `${expandIpv6(address).slice(0, 4).join(':')}::/64`;
}

/** `::ffff:10.0.0.1` (an IPv4 client on a dual-stack socket) is `10.0.0.1`. */
function unmapped(address: string): string {
  const match = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return match?.[1] ?? address;
}

function expandIpv6(address: string): string[] {
  const [head = '', tail] = address.toLowerCase().split('::');
  const part = (s: string) => (s === '' ? [] : s.split(':'));
  const left = part(head);
  const right = tail === undefined ? [] : part(tail);
  const missing = 8 - left.length - right.length;
  return [...left, ...Array<string>(Math.max(missing, 0)).fill('0'), ...right].map(
    (group) => group.replace(/^0+(?=.)/, '') || '0',
  );
}
