# syntax=docker/dockerfile:1
# TaskFlow API image. Build from the repository root:
#   docker build -f docker/api.Dockerfile -t taskflow-api .
ARG NODE_IMAGE=node:20-bookworm-slim

# 1. All dependencies (build tools included). Only the manifests are copied, so this layer
#    is reused until package.json or package-lock.json change.
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

# 2. Sources and build. A code change starts here; the dependencies above stay cached.
FROM deps AS build
ENV NX_DAEMON=false NX_NO_CLOUD=true NX_SKIP_NX_CACHE=true
COPY nx.json tsconfig.base.json ./
# The projects' jest configs share one transform; Nx reads them to build the project graph.
COPY tools/jest ./tools/jest
COPY tools/eslint ./tools/eslint
COPY libs ./libs
COPY apps/api ./apps/api
RUN npx nx build api --outputStyle=static

# 3. Production dependencies only (no Nx, Angular build tools, jest...).
FROM ${NODE_IMAGE} AS prod-deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

# 4. Runtime: slim image, non-root user, nothing but node_modules and the bundle.
FROM ${NODE_IMAGE} AS runtime
# A container binds every interface (the API defaults to loopback for development machines).
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000 DATA_DIR=/app/.data
WORKDIR /app
COPY --from=prod-deps --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist/apps/api ./dist/apps/api
COPY --chown=node:node package.json ./
# DATA_DIR is only used when DATABASE_URL is unset (embedded PGlite); it must be writable.
RUN mkdir -p /app/.data && chown node:node /app/.data
USER node
EXPOSE 3000
HEALTHCHECK --interval=5s --timeout=3s --start-period=10s --retries=5 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health/live').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "dist/apps/api/main.js"]
