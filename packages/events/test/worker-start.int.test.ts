import { resolveLocalStack } from '@flock/env';
import { type RunningService, runSteps, startService } from '@flock/service';
import { pollFor, type TcpDoor, tcpDoor, testLogger, uniqueId } from '@flock/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createEnvelope,
  createKafka,
  type Envelope,
  EventPublisher,
  on,
  startServiceEvents,
  userRegistered,
} from '../src';

/**
 * A worker (re)started while Kafka cannot be reached (it is behind a door this test opens
 * later): it starts and answers /healthz, is not ready, then joins its group and handles
 * events once Kafka answers, instead of exiting.
 */
const logger = testLogger('worker-start-test');
const broker = resolveLocalStack(process.env).kafkaBroker;
let door: TcpDoor;
let worker: RunningService;
const handled: Envelope<unknown>[] = [];

beforeAll(async () => {
  door = await tcpDoor(broker);
  worker = await startService(logger, async (resources) => {
    await startServiceEvents(resources, {
      service: 'worker-start-test',
      brokers: [door.address],
      logger,
      topics: {},
      acks: -1,
      consumer: {
        groupId: uniqueId('worker-start'),
        fromBeginning: false,
        subscriptions: [
          on(userRegistered, async (event) => {
            handled.push(event);
          }),
        ],
      },
    });
    return { host: '127.0.0.1', port: 0 };
  });
}, 30_000);
afterAll(async () => {
  if (worker) await runSteps(worker.steps, logger);
  await door?.close();
});

describe('a worker started while Kafka is down', () => {
  it('starts, is not ready, then joins and handles events once Kafka answers', async () => {
    expect((await fetch(`${worker.url}/healthz`)).status).toBe(200);
    const notReady = await fetch(`${worker.url}/readyz`);
    expect(notReady.status).toBe(503);
    expect(JSON.stringify(await notReady.json())).toContain('not connected to Kafka yet');

    await door.open();
    await pollFor(async () => (await fetch(`${worker.url}/readyz`)).ok, {
      timeoutMs: 90_000,
      description: 'the worker to join its group',
    });

    const kafka = createKafka({ clientId: 'worker-start-test', brokers: [broker], logger });
    const publisher = await EventPublisher.connect(kafka, 'worker-start-test');
    try {
      const userId = crypto.randomUUID();
      const event = createEnvelope(
        userRegistered,
        {
          userId,
          username: 'worker_start',
          displayName: null,
          email: 'worker-start@example.invalid', // RFC 2606: no mailer sends to it
          registeredAt: new Date().toISOString(),
          emailVerification: { encryptedToken: 'unused', expiresAt: new Date().toISOString() },
        },
        { source: 'test' },
      );
      await publisher.send(userRegistered, [event]);
      await pollFor(async () => handled.some((e) => e.id === event.id), {
        timeoutMs: 30_000,
        description: 'the worker to handle the event',
      });
    } finally {
      await publisher.disconnect();
    }
  }, 150_000);
});
