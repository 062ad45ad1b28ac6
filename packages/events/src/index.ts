export { ensureTopics, requireTopics, type TopicSettings } from './admin';
export {
  backoffDelay,
  type ConsumerOptions,
  DLQ_HEADERS,
  defaultRetryPolicy,
  type EventHandler,
  type MessageContext,
  on,
  type RetryPolicy,
  type RunningConsumer,
  type Subscription,
  startConsumer,
} from './consumer';
export {
  accountDeleted,
  allTopics,
  emailChanged,
  emailChangeRequested,
  emailVerificationRequested,
  passwordChanged,
  passwordResetRequested,
  postCreated,
  postDeleted,
  topics,
  userFollowed,
  userRegistered,
  userUnfollowed,
} from './contracts';
export {
  createEnvelope,
  decodeEnvelope,
  type Envelope,
  type EnvelopeOptions,
  EventValidationError,
  envelopeSchema,
  validateEnvelope,
} from './envelope';
export {
  classifyFailure,
  type FailureKind,
  isTransientFailure,
  PermanentEventError,
} from './failures';
export { createKafka, type KafkaOptions } from './kafka';
export {
  type OutboxRelay,
  type OutboxRelayOptions,
  type OutboxRow,
  type OutboxStore,
  startOutboxRelay,
} from './outbox-relay';
export {
  EVENT_TYPE_HEADER,
  EventPublisher,
  type ProducerAcks,
  type PublisherOptions,
} from './publisher';
export {
  kafkaDurability,
  type ServiceEvents,
  type ServiceEventsOptions,
  startServiceEvents,
} from './service-events';
export { deadLetterTopicOf, defineTopic, type PayloadOf, type TopicContract } from './topic';
