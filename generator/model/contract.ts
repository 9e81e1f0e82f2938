/**
 * The contract: everything `eventc.yaml` and the schema files declare, resolved and
 * validated. Plain data; every later stage (compatibility, emit, register, graph) reads it.
 */
import type { SchemaSet, SchemaWarning } from './avro.js';

/** Confluent's compatibility levels, in the registry's documentation order. */
export const COMPATIBILITY_LEVELS = [
  'BACKWARD',
  'BACKWARD_TRANSITIVE',
  'FORWARD',
  'FORWARD_TRANSITIVE',
  'FULL',
  'FULL_TRANSITIVE',
  'NONE',
] as const;

export type CompatibilityLevel = (typeof COMPATIBILITY_LEVELS)[number];

export type SubjectNameStrategy =
  'TopicNameStrategy' | 'RecordNameStrategy' | 'TopicRecordNameStrategy';

export interface EventVersion {
  /** 1, 2, ... from the file name `v<N>.avsc`. */
  version: number;
  /** Path relative to the project root. */
  file: string;
  schema: SchemaSet;
}

export interface EventContract {
  /** The event's name as the manifest gives it, e.g. `OrderCreated`. */
  name: string;
  /** Folder holding `v<N>.avsc` files, relative to the project root. */
  folder: string;
  topic: string;
  /** Versions in ascending order, contiguous from 1. */
  versions: EventVersion[];
  compatibility: CompatibilityLevel;
  /** A field of the value record used as the Kafka key, or a key schema. */
  key?: { field: string } | { schema: SchemaSet; file: string };
}

export interface ServiceContract {
  name: string;
  produces: { event: string; version: number }[];
  consumes: { event: string; version: number }[];
}

export interface RegistryConfig {
  /** Name of the environment variable holding the URL, and its default. */
  urlEnv: string;
  defaultUrl: string;
  subjectNameStrategy: SubjectNameStrategy;
  auth?:
    | { kind: 'basic'; usernameEnv: string; passwordEnv: string }
    | { kind: 'bearer'; tokenEnv: string };
}

/**
 * How a topic is created and kept: each setting absent means the broker's default, and is
 * then neither set nor compared.
 */
export interface TopicSettings {
  partitions?: number;
  replicationFactor?: number;
  /** `retention.ms`; -1 keeps records forever. */
  retentionMs?: number;
  /** `cleanup.policy`: `delete`, `compact`, or both. */
  cleanupPolicy?: ('compact' | 'delete')[];
  /** `min.insync.replicas`. */
  minInSyncReplicas?: number;
}

/** `topicDefaults` and `topics` of the manifest. */
export interface TopicsConfig {
  /** For every topic of the contract, dead-letter topics included. */
  defaults: TopicSettings;
  /** Per topic name, over the defaults. */
  byTopic: Record<string, TopicSettings>;
}

export interface Contract {
  /** Absolute project root; never written into generated output. */
  root: string;
  manifestFile: string;
  schemaRoot: string;
  registry: RegistryConfig;
  compatibility: CompatibilityLevel;
  events: EventContract[];
  services: ServiceContract[];
  /** `eventc lint` settings: rule ids turned off for this project. */
  lint: { disable: string[] };
  /** Settings of the topics `eventc topics` creates and keeps. */
  topics: TopicsConfig;
  /** What the schema files say that is ignored (invalid logical types), in file order. */
  warnings?: SchemaWarning[];
}
