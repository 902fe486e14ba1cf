# syntax=docker/dockerfile:1
# TaskFlow web image: the Angular build served by an unprivileged nginx that also proxies
# /api/ and /docs to the API. Build from the repository root:
#   docker build -f docker/web.Dockerfile -t taskflow-web .
ARG NODE_IMAGE=node:20-bookworm-slim
ARG NGINX_IMAGE=nginxinc/nginx-unprivileged:1.28-bookworm

# 1. Dependencies from the manifests only (cached until they change).
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

# 2. Sources and the production build (dist/apps/web/browser).
FROM deps AS build
ENV NX_DAEMON=false NX_NO_CLOUD=true NX_SKIP_NX_CACHE=true
COPY nx.json tsconfig.base.json ./
# The projects' jest configs share one transform; Nx reads them to build the project graph.
COPY tools/jest ./tools/jest
COPY tools/eslint ./tools/eslint
COPY libs ./libs
COPY apps/web ./apps/web
RUN npx nx build web --configuration=production --outputStyle=static

# 3. Runtime: nginx as uid 101 (the nginx-unprivileged image), listening on 8080.
#    The image's entrypoint renders /etc/nginx/templates/*.template with envsubst into
#    /etc/nginx/conf.d/ at start, substituting only the variables set in the environment.
FROM ${NGINX_IMAGE} AS runtime
ENV NGINX_PORT=8080 \
    WEB_ROOT=/usr/share/nginx/html \
    API_UPSTREAM=api:3000 \
    NGINX_RESOLVER=127.0.0.11
USER root
RUN rm -f /etc/nginx/conf.d/default.conf
COPY docker/nginx/templates/default.conf.template /etc/nginx/templates/default.conf.template
COPY --from=build /app/dist/apps/web/browser /usr/share/nginx/html
USER 101
EXPOSE 8080
