import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { resolveLocalStack } from '@flock/env';
import { freePort, pollFor } from '@flock/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerMember, startTestStack, type TestStack, testDatabasePool } from './harness';

/**
 * Identity started while Kafka cannot be reached: it is ready, takes registrations (their
 * events wait in the outbox), and publishes them once Kafka answers. Kafka is reached
 * through a door this test opens: nothing listens on the door's port until then.
 */
let stack: TestStack;
let door: Server | undefined;
const sockets: Socket[] = [];
const db = testDatabasePool('identity');
const [kafkaHost, kafkaPort] = resolveLocalStack(process.env).kafkaBroker.split(':');
let doorPort: number;

beforeAll(async () => {
  doorPort = await freePort();
  stack = await startTestStack({ identityEnv: { KAFKA_BROKERS: `127.0.0.1:${doorPort}` } });
});
afterAll(async () => {
  await stack?.stop();
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => (door ? door.close(resolve) : resolve(undefined)));
  await db.end();
});

/** Forwards the door's port to the broker (which then names itself for what follows). */
function openDoor(): Promise<void> {
  door = createServer((client) => {
    const broker = createConnection(Number(kafkaPort), kafkaHost);
    sockets.push(client, broker);
    client.pipe(broker).pipe(client);
    client.on('error', () => broker.destroy());
    broker.on('error', () => client.destroy());
  });
  return new Promise((resolve) => door?.listen(doorPort, '127.0.0.1', resolve));
}

describe('Kafka down when identity starts', () => {
  it('serves, keeps the events in the outbox, and publishes them when Kafka answers', async () => {
    const ready = await fetch(stack.identityUrl.replace(/\/graphql$/, '/readyz'));
    expect(ready.status).toBe(200);

    const member = await registerMember(stack.gatewayUrl, { prefix: 'k' });
    const published = async () =>
      (
        await db.query(
          "SELECT published_at FROM outbox_events WHERE envelope->'payload'->>'userId' = $1",
          [member.id],
        )
      ).rows[0]?.published_at;
    expect(await published()).toBeNull();

    await openDoor();
    await pollFor(published, { timeoutMs: 60_000, description: 'the outbox to publish' });
  }, 90_000);
});
