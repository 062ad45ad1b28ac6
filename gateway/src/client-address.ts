import type { IncomingMessage } from 'node:http';
import proxyAddr from 'proxy-addr';

/** The header carrying the client's address to subgraphs (set by the gateway only). */
export const CLIENT_IP_HEADER = 'x-flock-client-ip';

/**
 * The header carrying the client's user agent to subgraphs (set by the gateway only, empty
 * when the client sent none): identity shows it in the list of one's sessions.
 */
export const CLIENT_AGENT_HEADER = 'x-flock-client-agent';

export type ClientAddress = (req: IncomingMessage) => string;

/**
 * The client's address. Without trusted proxies it is the socket's peer; with them
 * (addresses, CIDRs, or proxy-addr's names `loopback`, `linklocal`, `uniquelocal`) the
 * gateway walks `X-Forwarded-For` from the right, past every hop that is a trusted proxy,
 * and takes the first one that is not — so a client cannot choose its address by sending
 * the header itself, and behind a load balancer each client gets its own rate-limit bucket.
 */
export function clientAddress(trustedProxies: string[]): ClientAddress {
  if (trustedProxies.length === 0) return (req) => req.socket.remoteAddress ?? 'unknown';
  const trust = proxyAddr.compile(trustedProxies);
  return (req) => proxyAddr(req, trust);
}

/** Throws on an entry proxy-addr cannot read (checked when the configuration loads). */
export function checkTrustedProxies(trustedProxies: string[]): void {
  proxyAddr.compile(trustedProxies);
}
