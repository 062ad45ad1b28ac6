import { resolveLocalStack } from '@flock/env';
import {
  accountDeleted,
  createEnvelope,
  createKafka,
  EventPublisher,
  userRegistered,
} from '@flock/events';
import { type RunningService, runSteps } from '@flock/service';
import { pollFor, testLogger, uniqueId } from '@flock/testing';
import neo4j from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNetworkWorker } from '../src/app';
import { followGraph } from '../src/domain/graph';
import { loadNetworkWorkerEnv } from '../src/env';
import { onAccountDeleted } from '../src/events/on-account-deleted';
import { onUserRegistered } from '../src/events/on-user-registered';

// The worker as its own process would run it (on a free port), in a consumer group of its own
// that starts at the end of the topic: only this test's registrations are its work.
const stack = resolveLocalStack(process.env);
const driver = neo4j.driver(stack.neo4jUri);
const logger = testLogger();
const kafka = createKafka({
  clientId: 'network-worker-test',
  brokers: [stack.kafkaBroker],
  logger,
});
const userIds: string[] = [];
let worker: RunningService;
let publisher: EventPublisher;

beforeAll(async () => {
  worker = await startNetworkWorker(
    loadNetworkWorkerEnv({
      ...process.env,
      PORT: '0',
      LOG_LEVEL: 'silent',
      KAFKA_GROUP_ID: uniqueId('network-worker-test'),
      NETWORK_FROM_BEGINNING: 'false',
    }),
    logger,
  );
  await pollFor(async () => (await fetch(`${worker.url}/readyz`)).ok, {
    timeoutMs: 60_000,
    description: 'the worker to join its group',
  });
  publisher = await EventPublisher.connect(kafka, 'identity');
});

afterAll(async () => {
  await publisher?.disconnect();
  if (worker) await runSteps(worker.steps, logger);
  await driver.executeQuery('MATCH (u:User|DeletedUser) WHERE u.id IN $ids DETACH DELETE u', {
    ids: userIds,
  });
  await driver.close();
});

function registration(registeredAt = new Date()) {
  const userId = crypto.randomUUID();
  userIds.push(userId);
  return createEnvelope(
    userRegistered,
    {
      userId,
      username: uniqueId('nw').slice(0, 30),
      displayName: null,
      email: `${userId}@example.com`,
      registeredAt: registeredAt.toISOString(),
      emailVerification: {
        encryptedToken: 'sealed-for-the-mailer',
        expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
      },
    },
    { source: 'test' },
  );
}

/** The node's `createdAt` (ISO), once the node exists. */
async function createdAtOf(userId: string): Promise<string | undefined> {
  const { records } = await driver.executeQuery(
    'MATCH (u:User {id: $userId}) RETURN toString(u.createdAt) AS at',
    { userId },
  );
  return records[0]?.get('at');
}

describe('the network worker', () => {
  it('makes a registered user a node of the graph', async () => {
    const event = registration(new Date('2026-05-01T10:00:00Z'));
    await publisher.send(userRegistered, [event]);
    const createdAt = await pollFor(() => createdAtOf(event.payload.userId), {
      description: 'the node of the registered user',
    });
    expect(Date.parse(createdAt)).toBe(Date.parse(event.payload.registeredAt));
  });

  it('removes a deleted account with its follows, and no replay brings it back', async () => {
    const [gone, fan, idol] = [registration(), registration(), registration()];
    await publisher.send(userRegistered, [gone, fan, idol]);
    for (const e of [gone, fan, idol]) {
      await pollFor(() => createdAtOf(e.payload.userId), { description: 'the nodes' });
    }
    const ids = { gone: gone.payload.userId, fan: fan.payload.userId, idol: idol.payload.userId };
    await driver.executeQuery(
      `MATCH (g:User {id: $gone}), (f:User {id: $fan}), (i:User {id: $idol})
       CREATE (f)-[:FOLLOWS {createdAt: datetime()}]->(g), (g)-[:FOLLOWS {createdAt: datetime()}]->(i),
         (f)-[:FOLLOWS {createdAt: datetime()}]->(i)`,
      ids,
    );
    const deletion = createEnvelope(
      accountDeleted,
      {
        userId: ids.gone,
        username: gone.payload.username,
        displayName: null,
        email: gone.payload.email,
        deletedAt: new Date().toISOString(),
      },
      { source: 'test' },
    );
    await publisher.send(accountDeleted, [deletion]);
    await pollFor(async () => (await createdAtOf(ids.gone)) === undefined, {
      description: 'the node of the deleted account gone',
    });
    const counts = async () => {
      const { records } = await driver.executeQuery(
        `MATCH (f:User {id: $fan}), (i:User {id: $idol})
         RETURN COUNT { (f)-[:FOLLOWS]->() } AS fanFollows, COUNT { ()-[:FOLLOWS]->(i) } AS idolFollowers,
           EXISTS { (:DeletedUser {id: $gone}) } AS tombstone`,
        ids,
      );
      const r = records[0];
      return {
        fanFollows: r?.get('fanFollows').toNumber(),
        idolFollowers: r?.get('idolFollowers').toNumber(),
        tombstone: r?.get('tombstone'),
      };
    };
    expect(await counts()).toEqual({ fanFollows: 1, idolFollowers: 1, tombstone: true });
    // A replay of the registration (a new group from the beginning) and of the deletion.
    await onUserRegistered(driver)(gone);
    await onAccountDeleted(driver)(deletion);
    expect(await createdAtOf(ids.gone)).toBeUndefined();
    expect(await counts()).toEqual({ fanFollows: 1, idolFollowers: 1, tombstone: true });
    // A follow of it finds no node; its own token may not follow (isDeleted).
    const graph = followGraph(driver, () => {}, {
      accounts: { registeredAt: async () => null },
    });
    expect(await graph.userExists(ids.gone)).toBe(false);
    expect(await graph.isDeleted(ids.gone)).toBe(true);
    expect(await graph.isDeleted(ids.fan)).toBe(false);
  });

  it('serves its health routes only', async () => {
    expect((await fetch(`${worker.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${worker.url}/graphql`)).status).toBe(404);
  });
});

describe('onUserRegistered', () => {
  it('creates the node once: a replay changes nothing', async () => {
    const handle = onUserRegistered(driver);
    const event = registration(new Date('2026-05-02T10:00:00Z'));
    await handle(event);
    await handle({
      ...event,
      payload: { ...event.payload, registeredAt: new Date().toISOString() },
    });
    const { records } = await driver.executeQuery(
      'MATCH (u:User {id: $userId}) RETURN count(u) AS n, toString(min(u.createdAt)) AS at',
      { userId: event.payload.userId },
    );
    expect(records[0]?.get('n').toNumber()).toBe(1);
    expect(Date.parse(records[0]?.get('at'))).toBe(Date.parse(event.payload.registeredAt));
  });

  it('gives a node made earlier by a follow (no createdAt) its registration time', async () => {
    const event = registration(new Date('2026-05-03T10:00:00Z'));
    await driver.executeQuery('CREATE (:User {id: $userId})', { userId: event.payload.userId });
    await onUserRegistered(driver)(event);
    expect(Date.parse((await createdAtOf(event.payload.userId)) ?? '')).toBe(
      Date.parse(event.payload.registeredAt),
    );
  });
});
