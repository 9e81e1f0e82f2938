/**
 * The CLI's registry client: the runtime's one client (`runtime/registry/`), with the URL
 * and credentials from the variables the manifest's `registry` section names, and the same
 * `EVENTC_REGISTRY_*` variables for headers, TLS files, timeout and retries as services.
 */
import { RegistryClient, type RegistryClientOptions } from '../../runtime/registry/client.js';
import { registryOptionsFromEnv, type Env } from '../../runtime/registry/env.js';
import type { RegistryConfig } from '../model/contract.js';

export { RegistryClient };
export type {
  CompatibilityAnswer,
  RegisteredSchema,
  RegistryClientOptions,
} from '../../runtime/registry/client.js';
export { RegistryError, RegistryRouteError, RegistryConfigError } from '../../runtime/errors.js';

/** Options from the manifest's registry section and the environment. */
export function contractRegistryOptions(
  config: RegistryConfig,
  env: Env = process.env,
): RegistryClientOptions {
  return registryOptionsFromEnv(
    {
      urlEnv: config.urlEnv,
      defaultUrl: config.defaultUrl,
      ...(config.auth ? { auth: config.auth } : {}),
      urlSource: "the manifest's registry.urlEnv variable, else registry.defaultUrl",
    },
    env,
  );
}

/** A client for the contract's registry; `extra` adds options such as `onRetry`. */
export function contractRegistryClient(
  config: RegistryConfig,
  extra: Partial<RegistryClientOptions> = {},
): RegistryClient {
  return new RegistryClient({ ...contractRegistryOptions(config), ...extra });
}
