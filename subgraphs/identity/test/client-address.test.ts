import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { clientAddressOf, clientBucketOf } from '../src/domain/client-address';

const request = (headers: Record<string, string>, remoteAddress = '::ffff:127.0.0.1') =>
  ({ headers, socket: { remoteAddress } }) as unknown as IncomingMessage;

describe('client address', () => {
  it("is the gateway's header when it holds an address", () => {
    expect(clientAddressOf(request({ 'x-flock-client-ip': '203.0.113.9' }))).toBe('203.0.113.9');
    expect(clientAddressOf(request({ 'x-flock-client-ip': '::ffff:198.51.100.1' }))).toBe(
      '198.51.100.1',
    );
    expect(clientAddressOf(request({ 'x-flock-client-ip': '2001:db8::1' }))).toBe('2001:db8::1');
  });

  it('is the socket peer without the header, or when it is not an address', () => {
    expect(clientAddressOf(request({}))).toBe('127.0.0.1');
    expect(clientAddressOf(request({ 'x-flock-client-ip': 'evil, 1.2.3.4' }))).toBe('127.0.0.1');
  });

  it('limits IPv4 per address and IPv6 per /64', () => {
    expect(clientBucketOf('203.0.113.9')).toBe('203.0.113.9');
    expect(clientBucketOf('2001:db8:0:1::5')).toBe('2001:db8:0:1::/64');
    expect(clientBucketOf('2001:0db8:0000:0001:ffff::9')).toBe('2001:db8:0:1::/64');
    expect(clientBucketOf('::1')).toBe('0:0:0:0::/64');
  });
});
