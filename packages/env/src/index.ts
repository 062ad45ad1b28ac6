export {
  EnvError,
  envBool,
  envList,
  envPort,
  loadEnv,
  requiredInProduction,
} from './load-env';
export {
  type KafkaEnv,
  kafkaModel,
  neo4jModel,
  postgresModel,
  redisModel,
  serviceModel,
  smtpModel,
  tokenModel,
  tokenVerificationModel,
} from './models';
export { type LocalStack, localStack, resolveLocalStack, type ServiceName } from './stack';
