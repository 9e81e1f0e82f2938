/**
 * `deploy/compose.yaml`: the whole system on one machine with a container engine. A
 * single-node KRaft Kafka, Apicurio Registry (BACKWARD by default, as Confluent's),
 * one-shot `topics` and `register` jobs that run the project's installed `eventc`, and
 * every service, started once the broker is healthy, the topics exist and the schemas are
 * registered. Paths are relative to the compose file, so it runs with
 * `docker compose -f deploy/compose.yaml up --build`.
 */
import { stringify } from 'yaml';
import { header, HTTP_PORT, KAFKA_IMAGE, REGISTRY_IMAGE } from './model.js';
import type { DeployFile, DeployModel, ServiceDeploy } from './model.js';

const BROKERS = 'kafka:9092';
const REGISTRY_URL = 'http://registry:8080/apis/ccompat/v7';
/** Host port of the first service's HTTP endpoint; the others follow. */
const FIRST_HOST_PORT = 18080;

function kafka(): object {
  return {
    image: KAFKA_IMAGE,
    environment: {
      KAFKA_NODE_ID: '1',
      KAFKA_PROCESS_ROLES: 'broker,controller',
      KAFKA_LISTENERS: 'PLAINTEXT://:9092,CONTROLLER://:9093',
      KAFKA_ADVERTISED_LISTENERS: `PLAINTEXT://${BROKERS}`,
      KAFKA_CONTROLLER_LISTENER_NAMES: 'CONTROLLER',
      KAFKA_LISTENER_SECURITY_PROTOCOL_MAP: 'CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
      KAFKA_CONTROLLER_QUORUM_VOTERS: '1@kafka:9093',
      KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR: '1',
      KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR: '1',
      KAFKA_TRANSACTION_STATE_LOG_MIN_ISR: '1',
      KAFKA_SHARE_COORDINATOR_STATE_TOPIC_REPLICATION_FACTOR: '1',
      KAFKA_SHARE_COORDINATOR_STATE_TOPIC_MIN_ISR: '1',
      KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS: '0',
    },
    healthcheck: {
      test: [
        'CMD-SHELL',
        '/opt/kafka/bin/kafka-broker-api-versions.sh --bootstrap-server localhost:9092 >/dev/null 2>&1',
      ],
      interval: '10s',
      timeout: '10s',
      retries: 12,
      start_period: '20s',
    },
  };
}

function registry(): object {
  return {
    image: REGISTRY_IMAGE,
    environment: { APICURIO_RULES_GLOBAL_COMPATIBILITY: 'BACKWARD' },
    ports: ['8081:8080'],
  };
}

function build(s: ServiceDeploy): object {
  return { context: '..', dockerfile: `deploy/${s.k8sName}/Dockerfile` };
}

/**
 * `eventc` as the project installed it (`node_modules/.bin`, or the package's own bin in
 * eventc's repository); `--no` keeps npx from ever downloading it.
 */
const EVENTC = ['npx', '--no', 'eventc'];

function register(model: DeployModel, first: ServiceDeploy): object {
  return {
    image: first.image,
    build: build(first),
    command: [...EVENTC, 'register', '--env', 'compose'],
    environment: { [model.registryUrlEnv]: REGISTRY_URL },
    depends_on: { registry: { condition: 'service_started' } },
    restart: 'on-failure:10',
  };
}

/** `eventc topics`: the contract's topics and dead-letter topics, before any service starts. */
function topics(first: ServiceDeploy): object {
  return {
    image: first.image,
    build: build(first),
    command: [...EVENTC, 'topics'],
    environment: { EVENTC_BROKERS: BROKERS },
    depends_on: { kafka: { condition: 'service_healthy' } },
    restart: 'on-failure:10',
  };
}

function service(s: ServiceDeploy, index: number): object {
  return {
    image: s.image,
    build: build(s),
    environment: { EVENTC_BROKERS: BROKERS, EVENTC_REGISTRY_URL: REGISTRY_URL, ...s.env },
    ports: [`${FIRST_HOST_PORT + index}:${HTTP_PORT}`],
    depends_on: {
      kafka: { condition: 'service_healthy' },
      topics: { condition: 'service_completed_successfully' },
      register: { condition: 'service_completed_successfully' },
    },
    restart: 'unless-stopped',
  };
}

export function composeDoc(model: DeployModel): object {
  const services: Record<string, object> = { kafka: kafka(), registry: registry() };
  const first = model.services[0];
  if (first) {
    services.topics = topics(first);
    services.register = register(model, first);
  }
  model.services.forEach((s, i) => {
    services[s.k8sName] = service(s, i);
  });
  return { services };
}

export function composeFiles(model: DeployModel): DeployFile[] {
  return [
    {
      path: 'deploy/compose.yaml',
      content: header(model) + stringify(composeDoc(model), { lineWidth: 0, singleQuote: true }),
    },
  ];
}
