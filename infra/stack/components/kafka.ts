import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import type { Component } from '../component';
import { ensureJars, javaBinary } from '../jvm';
import { paths } from '../paths';
import { startDetached, stopTracked, waitUntil } from '../processes';

const HEAP = ['-Xms256m', '-Xmx512m'];
const READINESS_TOPIC = '_flock.readiness';

/**
 * Kafka 3.9 in KRaft combined mode (one broker that is also its controller), from Maven
 * Central jars. The controller listens on the broker port + 1.
 */
export function kafka(broker: string): Component {
  const [host = '127.0.0.1', portText = '9092'] = broker.split(':');
  const port = Number(portText);
  const lib = paths.lib('kafka');

  const java = (mainClass: string, args: string[]) => [
    ...HEAP,
    `-Dlog4j.configuration=file:${paths.infra('kafka', 'log4j.properties')}`,
    '-cp',
    join(lib, '*'),
    mainClass,
    ...args,
  ];

  return {
    name: 'kafka',
    endpoint: broker,
    probe: () => roundTrip(broker),
    async start() {
      await ensureJars('Kafka', paths.infra('kafka', 'pom.xml'), lib);
      const dataDir = paths.data('kafka');
      const config = join(dataDir, 'server.properties');
      writeFileSync(config, serverProperties(host, port, join(dataDir, 'log')));
      if (!existsSync(join(dataDir, 'log', 'meta.properties'))) {
        const clusterId = randomBytes(16).toString('base64url');
        const format = spawnSync(
          javaBinary(),
          java('kafka.tools.StorageTool', ['format', '-t', clusterId, '-c', config]),
          { encoding: 'utf8' },
        );
        if (format.status !== 0)
          throw new Error(`formatting Kafka storage failed: ${format.stderr}`);
      }
      startDetached('kafka', javaBinary(), java('kafka.Kafka', [config]));
      await waitUntil('kafka', () => this.probe(), { timeoutMs: 90_000, processName: 'kafka' });
    },
    stop: () => stopTracked('kafka'),
  };
}

function serverProperties(host: string, port: number, logDir: string): string {
  return `# Written by infra/stack/components/kafka.ts at each start; edit that file instead.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@${host}:${port + 1}
listeners=PLAINTEXT://${host}:${port},CONTROLLER://${host}:${port + 1}
advertised.listeners=PLAINTEXT://${host}:${port}
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=${logDir}
auto.create.topics.enable=false
num.partitions=6
offsets.topic.replication.factor=1
offsets.topic.num.partitions=10
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
group.initial.rebalance.delay.ms=0
log.retention.hours=-1
`;
}

/** Ready means a message produced to a topic can be consumed back. */
async function roundTrip(broker: string): Promise<boolean> {
  const client = new Kafka({
    clientId: 'flock-infra',
    brokers: [broker],
    logLevel: logLevel.NOTHING,
    connectionTimeout: 2000,
    retry: { retries: 0 },
  });
  const admin = client.admin();
  const producer = client.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  const groupId = `flock-infra-readiness-${randomBytes(4).toString('hex')}`;
  const consumer = client.consumer({ groupId, retry: { retries: 2 } });
  try {
    await admin.connect();
    if (!(await admin.listTopics()).includes(READINESS_TOPIC)) {
      await admin.createTopics({
        waitForLeaders: true,
        topics: [
          {
            topic: READINESS_TOPIC,
            numPartitions: 1,
            configEntries: [{ name: 'retention.ms', value: '600000' }],
          },
        ],
      });
    }
    const token = randomBytes(8).toString('hex');
    await producer.connect();
    const [sent] = await producer.send({ topic: READINESS_TOPIC, messages: [{ value: token }] });
    await consumer.connect();
    await consumer.subscribe({ topic: READINESS_TOPIC, fromBeginning: false });
    const received = new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), 15_000);
      void consumer.run({
        eachMessage: async ({ message }) => {
          if (message.value?.toString() === token) {
            clearTimeout(timer);
            resolve(true);
          }
        },
      });
    });
    // Start reading at the produced message so the round trip is exact.
    consumer.seek({ topic: READINESS_TOPIC, partition: 0, offset: sent?.baseOffset ?? '0' });
    return await received;
  } catch {
    return false;
  } finally {
    await consumer.disconnect().catch(() => {});
    await admin.deleteGroups([groupId]).catch(() => {});
    await Promise.allSettled([producer.disconnect(), admin.disconnect()]);
  }
}
