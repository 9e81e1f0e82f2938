/**
 * Kubernetes manifests: per service a Deployment (environment from the shared ConfigMap,
 * credentials from Secrets via `secretKeyRef`, liveness on `/healthz`, readiness on
 * `/readyz`, resource requests and limits, a locked-down non-root container) and a Service
 * exposing the HTTP port that serves `/metrics`; for the system the ConfigMap with the
 * broker and registry addresses. Secrets are never generated: docs/register-deploy.md says which to create.
 */
import { stringify } from 'yaml';
import { CONFIG_MAP, header, HTTP_PORT } from './model.js';
import type { DeployFile, DeployModel, ServiceDeploy } from './model.js';

function labels(s: ServiceDeploy): Record<string, string> {
  return {
    'app.kubernetes.io/name': s.k8sName,
    'app.kubernetes.io/component': 'event-service',
    'app.kubernetes.io/managed-by': 'eventc',
  };
}

function env(s: ServiceDeploy): object[] {
  const fromConfig = ['EVENTC_BROKERS', 'EVENTC_REGISTRY_URL'].map((name) => ({
    name,
    valueFrom: { configMapKeyRef: { name: CONFIG_MAP, key: name } },
  }));
  const plain = Object.entries(s.env)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([name, value]) => ({ name, value }));
  const secrets = s.secrets.map((e) => ({
    name: e.name,
    valueFrom: { secretKeyRef: { name: e.secret, key: e.key, optional: e.optional } },
  }));
  return [...fromConfig, ...plain, ...secrets];
}

function probe(path: string, initialDelaySeconds: number): object {
  return {
    httpGet: { path, port: 'http' },
    initialDelaySeconds,
    periodSeconds: 10,
    timeoutSeconds: 3,
    failureThreshold: 3,
  };
}

export function deployment(s: ServiceDeploy): object {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: s.k8sName, labels: labels(s) },
    spec: {
      replicas: 1,
      selector: { matchLabels: { 'app.kubernetes.io/name': s.k8sName } },
      template: {
        metadata: {
          labels: labels(s),
          annotations: {
            'prometheus.io/scrape': 'true',
            'prometheus.io/port': String(HTTP_PORT),
            'prometheus.io/path': '/metrics',
          },
        },
        spec: {
          terminationGracePeriodSeconds: 30,
          securityContext: {
            runAsNonRoot: true,
            runAsUser: 1000,
            runAsGroup: 1000,
            seccompProfile: { type: 'RuntimeDefault' },
          },
          containers: [
            {
              name: s.k8sName,
              image: s.image,
              imagePullPolicy: 'IfNotPresent',
              ports: [{ name: 'http', containerPort: HTTP_PORT, protocol: 'TCP' }],
              env: env(s),
              livenessProbe: probe('/healthz', 10),
              readinessProbe: probe('/readyz', 5),
              resources: {
                requests: { cpu: '100m', memory: '128Mi' },
                limits: { cpu: '1', memory: '512Mi' },
              },
              securityContext: {
                allowPrivilegeEscalation: false,
                readOnlyRootFilesystem: true,
                capabilities: { drop: ['ALL'] },
              },
            },
          ],
        },
      },
    },
  };
}

export function service(s: ServiceDeploy): object {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: s.k8sName, labels: labels(s) },
    spec: {
      selector: { 'app.kubernetes.io/name': s.k8sName },
      ports: [{ name: 'http-metrics', port: HTTP_PORT, targetPort: 'http', protocol: 'TCP' }],
    },
  };
}

export function configMap(): object {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: CONFIG_MAP, labels: { 'app.kubernetes.io/managed-by': 'eventc' } },
    data: {
      EVENTC_BROKERS: 'kafka:9092',
      EVENTC_REGISTRY_URL: 'http://schema-registry:8080/apis/ccompat/v7',
    },
  };
}

export function yamlDoc(model: DeployModel, doc: object): string {
  return header(model) + stringify(doc, { lineWidth: 0, singleQuote: true });
}

export function kubernetesFiles(model: DeployModel): DeployFile[] {
  const files = model.services.flatMap((s) => [
    { path: `deploy/${s.k8sName}/deployment.yaml`, content: yamlDoc(model, deployment(s)) },
    { path: `deploy/${s.k8sName}/service.yaml`, content: yamlDoc(model, service(s)) },
  ]);
  files.push({ path: 'deploy/config.yaml', content: yamlDoc(model, configMap()) });
  return files;
}
