/**
 * Deploy artifacts as a pure function: contract in, files out, sorted by path. Per service
 * under `deploy/<service>/`: a Dockerfile (with its `.dockerignore`), a Kubernetes
 * Deployment and Service; for the system `deploy/config.yaml` (ConfigMap) and
 * `deploy/compose.yaml`.
 */
import type { Contract } from '../model/contract.js';
import { composeFiles } from './compose.js';
import { dockerFiles } from './dockerfile.js';
import { kubernetesFiles } from './kubernetes.js';
import { deployModel } from './model.js';
import type { DeployFile } from './model.js';

export type { DeployFile } from './model.js';

export function deployArtifacts(contract: Contract): DeployFile[] {
  const model = deployModel(contract);
  return [...dockerFiles(model), ...kubernetesFiles(model), ...composeFiles(model)].sort((a, b) =>
    a.path < b.path ? -1 : a.path > b.path ? 1 : 0,
  );
}
