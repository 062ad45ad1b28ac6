import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { freePort } from './free-port';

/**
 * A port that leads to `host:port` only while the door is open: a dependency made
 * unreachable (nothing listens) and reachable again, for one client under test, without
 * touching the dependency itself. Closing it also cuts the connections made through it.
 */
export interface TcpDoor {
  /** The address to give the client under test (`127.0.0.1:<port>`). */
  readonly address: string;
  readonly port: number;
  open(): Promise<void>;
  close(): Promise<void>;
}

export async function tcpDoor(target: string): Promise<TcpDoor> {
  const [host = '127.0.0.1', targetPort = ''] = target.split(':');
  const port = await freePort();
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  return {
    address: `127.0.0.1:${port}`,
    port,
    open() {
      if (server) return Promise.resolve();
      const listening = createServer((client) => {
        const upstream = createConnection(Number(targetPort), host);
        for (const socket of [client, upstream]) {
          sockets.add(socket);
          socket.on('close', () => sockets.delete(socket));
        }
        client.pipe(upstream).pipe(client);
        client.on('error', () => upstream.destroy());
        upstream.on('error', () => client.destroy());
      });
      server = listening;
      return new Promise((resolve) => listening.listen(port, '127.0.0.1', resolve));
    },
    close() {
      const closing = server;
      server = undefined;
      for (const socket of sockets) socket.destroy();
      sockets.clear();
      return new Promise((resolve) => (closing ? closing.close(() => resolve()) : resolve()));
    },
  };
}
