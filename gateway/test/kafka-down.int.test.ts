import { resolveLocalStack } from '@flock/env';
import { pollFor, type TcpDoor, tcpDoor } from '@flock/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerMember, startTestStack, type TestStack, testDatabasePool } from './harness';

/**
 * Identity started while Kafka cannot be reached: it is ready, takes registrations (their
 * events wait in the outbox), and publishes them once Kafka answers. Kafka is reached
 * through a door this test opens: nothing listens on the door's port until then.
 */
let stack: TestStack;
let door: TcpDoor;
const db = testDatabasePool('identity');

beforeAll(async () => {
  // Once open, the door leads to the broker, which then names itself for what follows.
  door = await tcpDoor(resolveLocalStack(process.env).kafkaBroker);
  stack = await startTestStack({ identityEnv: { KAFKA_BROKERS: door.address } });
});
afterAll(async () => {
  await stack?.stop();
  await door?.close();
  await db.end();
});

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

    await door.open();
    await pollFor(published, { timeoutMs: 60_000, description: 'the outbox to publish' });
  }, 90_000);
});
