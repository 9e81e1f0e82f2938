/**
 * Errors of the registry layer. Each carries the request it is about (method and URL with
 * any credentials removed), the HTTP status and the registry's own `error_code` where the
 * registry answered, and a `retriable` flag (like kafkajs' errors) saying whether trying
 * again could help.
 */
import { EventcError } from '../errors.js';

export interface RegistryErrorContext {
  method: string;
  /** The request URL with userinfo removed. */
  url: string;
  /** HTTP status, absent when no answer arrived (connection error, timeout). */
  status?: number;
  /** The registry's `error_code`, e.g. 40901 for an incompatible schema. */
  errorCode?: number;
  retriable: boolean;
}

/** A request to the schema registry failed, after any retries. Exit status 1. */
export class RegistryError extends EventcError {
  override name = 'RegistryError';
  override readonly exitCode: number = 1;
  readonly method: string;
  readonly url: string;
  readonly status: number | undefined;
  readonly errorCode: number | undefined;
  readonly retriable: boolean;
  constructor(message: string, context: RegistryErrorContext, options?: { cause?: unknown }) {
    super(message, options);
    this.method = context.method;
    this.url = context.url;
    this.status = context.status;
    this.errorCode = context.errorCode;
    this.retriable = context.retriable;
  }

  /** True when the registry refused a schema as incompatible (409/40901) or invalid (422). */
  get isRejection(): boolean {
    return this.status === 409 || this.status === 422;
  }

  get isNotFound(): boolean {
    return this.status === 404;
  }
}

/** The URL answers, but not with the Confluent Schema Registry API (a wrong route). Exit 1. */
export class RegistryRouteError extends RegistryError {
  override name = 'RegistryRouteError';
}

/** The registry configuration cannot be used: a missing environment variable, a bad header. */
export class RegistryConfigError extends EventcError {
  override name = 'RegistryConfigError';
}
