/**
 * One Dockerfile per service: a build stage (all dependencies, `npm run build`), a stage
 * with production dependencies only (optional ones left out too: eventc's code generator
 * formatter, prettier, is optional and not needed to run), and a slim runtime
 * stage running as the image's non-root `node` user with a health check against the service's `/healthz`. Built from
 * the project root: `docker build -f deploy/<service>/Dockerfile .`.
 */
import { header, HTTP_PORT, NODE_IMAGE } from './model.js';
import type { DeployFile, DeployModel, ServiceDeploy } from './model.js';

function dockerfile(model: DeployModel, s: ServiceDeploy): string {
  const probe =
    `fetch('http://127.0.0.1:'+(process.env.EVENTC_HTTP_PORT||${HTTP_PORT})+'/healthz')` +
    `.then(r=>process.exit(r.ok?0:1),()=>process.exit(1))`;
  return `${header(model)}# Service "${s.name}". Build from the project root:
#   docker build -f deploy/${s.k8sName}/Dockerfile -t ${s.image} .

FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts
COPY . .
RUN npm run build

FROM ${NODE_IMAGE} AS deps
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
# Optional dependencies are left out: eventc's code formatter (prettier) is not needed to run.
RUN npm ci --omit=dev --omit=optional --ignore-scripts && npm cache clean --force

FROM ${NODE_IMAGE}
WORKDIR /app
ENV NODE_ENV=production EVENTC_HTTP_PORT=${HTTP_PORT}
COPY --from=deps --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
COPY --chown=node:node package.json ${model.source} ./
COPY --chown=node:node ${model.schemaRoot} ./${model.schemaRoot}
USER node
EXPOSE ${HTTP_PORT}
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \\
  CMD ["node", "-e", ${JSON.stringify(probe)}]
CMD ["node", "${s.main}"]
`;
}

const DOCKERIGNORE = `node_modules
dist
.git
.cache
.stack
coverage
deploy
*.log
`;

export function dockerFiles(model: DeployModel): DeployFile[] {
  return model.services.flatMap((s) => [
    { path: `deploy/${s.k8sName}/Dockerfile`, content: dockerfile(model, s) },
    { path: `deploy/${s.k8sName}/Dockerfile.dockerignore`, content: header(model) + DOCKERIGNORE },
  ]);
}
