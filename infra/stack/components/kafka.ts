import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import type { Component } from '../component';
import { ensureJars, javaBinary, runJava } from '../jvm';
import { infraFile, lib } from '../paths';
import type { Processes } from '../processes';

const SINGLE_HEAP = ['-Xms256m', '-Xmx512m'];
// Three JVMs on a laptop: each gets a small heap.
const CLUSTER_HEAP = ['-Xms128m', '-Xmx384m'];
const READINESS_TOPIC = '_flock.readiness';

interface Broker {
  /** The tracked process: `kafka` alone, `kafka-1`..`kafka-3` in a cluster. */
  name: string;
  nodeId: number;
  host: string;
  port: number;
  address: string;
}

/**
 * Kafka 3.9 in KRaft combined mode (each broker is also a controller, listening on its broker
 * port + 1), from Maven Central jars. One address in KAFKA_BROKERS: one node (`kafka`). Three:
 * a 3-node cluster (`kafka-1`..`kafka-3`, node ids 1..3, one cluster id, internal topics
 * replicated 3 times with min ISR 2), each node a component of its own, so a test can stop
 * one and `up` starts only that one again.
 */
export function kafka(brokers: string[], procs: Processes): Component[] {
  if (brokers.length !== 1 && brokers.length !== 3) {
    throw new Error(`KAFKA_BROKERS lists ${brokers.length} brokers: the local stack runs 1 or 3`);
  }
  const nodes: Broker[] = brokers.map((address, index) => {
    const [host = '127.0.0.1', portText = '9092'] = address.split(':');
    const name = brokers.length === 1 ? 'kafka' : `kafka-${index + 1}`;
    return { name, nodeId: index + 1, host, port: Number(portText), address };
  });
  const ports = nodes.flatMap((node) => [node.port, node.port + 1]);
  if (new Set(ports).size !== ports.length) {
    throw new Error(`Kafka brokers ${brokers.join(',')}: each needs its port and port + 1 free`);
  }
  const cluster = nodes.length > 1;
  const libDir = lib('kafka');
  const java = (mainClass: string, args: string[]) => [
    ...(cluster ? CLUSTER_HEAP : SINGLE_HEAP),
    `-Dlog4j.configuration=file:${infraFile('kafka', 'log4j.properties')}`,
    '-cp',
    join(libDir, '*'),
    mainClass,
    ...args,
  ];

  // One cluster id for every node, kept in the state dir (a node formats its storage once).
  const clusterId = () => {
    const file = join(procs.paths.data('kafka-cluster'), 'cluster-id');
    if (!existsSync(file)) writeFileSync(file, newClusterId());
    return readFileSync(file, 'utf8').trim();
  };

  return nodes.map((node) => ({
    name: node.name,
    endpoint: node.address,
    async probe() {
      if (cluster && !(await registered(node))) return false;
      return roundTrip(node.address);
    },
    async start() {
      await ensureJars('Kafka', infraFile('kafka', 'pom.xml'), libDir);
      const dataDir = procs.paths.data(node.name);
      const config = join(dataDir, 'server.properties');
      writeFileSync(config, serverProperties(node, nodes, join(dataDir, 'log')));
      if (!existsSync(join(dataDir, 'log', 'meta.properties'))) {
        const id = cluster ? clusterId() : newClusterId();
        await runJava(
          java('kafka.tools.StorageTool', ['format', '-t', id, '-c', config]),
          `formatting the storage of ${node.name}`,
        );
      }
      procs.startDetached(node.name, javaBinary(), java('kafka.Kafka', [config]));
      await procs.waitUntil(node.name, () => this.probe(), {
        timeoutMs: 90_000,
        processName: node.name,
      });
    },
    stop: () => procs.stopTracked(node.name),
  }));
}

function serverProperties(node: Broker, nodes: Broker[], logDir: string): string {
  const replicas = nodes.length;
  const minIsr = Math.min(2, replicas);
  const voters = nodes.map((n) => `${n.nodeId}@${n.host}:${n.port + 1}`).join(',');
  return `# Written by infra/stack/components/kafka.ts at each start; edit that file instead.
process.roles=broker,controller
node.id=${node.nodeId}
controller.quorum.voters=${voters}
listeners=PLAINTEXT://${node.host}:${node.port},CONTROLLER://${node.host}:${node.port + 1}
advertised.listeners=PLAINTEXT://${node.host}:${node.port}
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=${logDir}
auto.create.topics.enable=false
num.partitions=6
default.replication.factor=${replicas}
min.insync.replicas=${minIsr}
offsets.topic.replication.factor=${replicas}
offsets.topic.num.partitions=10
transaction.state.log.replication.factor=${replicas}
transaction.state.log.min.isr=${minIsr}
group.initial.rebalance.delay.ms=0
log.retention.hours=-1
# A dead broker leaves the in-sync replicas after 10 s (30 s by default), so writes with
# acks=all to the partitions it followed pause about as long as a leader election.
replica.lag.time.max.ms=10000
`;
}

const quietClient = (brokers: string[]) =>
  new Kafka({
    clientId: 'flock-infra',
    brokers,
    logLevel: logLevel.NOTHING,
    connectionTimeout: 2000,
    retry: { retries: 0 },
  });

/** In a cluster: this node answers, and the cluster's metadata lists it (it is unfenced). */
async function registered(node: Broker): Promise<boolean> {
  const admin = quietClient([node.address]).admin();
  try {
    await admin.connect();
    const { brokers } = await admin.describeCluster();
    return brokers.some((b) => b.nodeId === node.nodeId);
  } catch {
    return false;
  } finally {
    await admin.disconnect().catch(() => {});
  }
}

/** Ready means a message produced to a topic can be consumed back. */
async function roundTrip(broker: string): Promise<boolean> {
  const client = quietClient([broker]);
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

/**
 * A KRaft cluster id: 16 random bytes, base64url, never starting with '-' (the storage tool
 * would read such an id as an option, as Kafka's own Uuid.randomUuid() avoids too).
 */
function newClusterId(): string {
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}
