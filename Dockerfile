# syntax=docker/dockerfile:1
# Lintas: one image for the API (default), the worker and migrations.
#   docker run IMAGE                                     -> GraphQL API and the officer console on :3000
#   docker run IMAGE node dist/apps/worker/src/main.js   -> BullMQ worker (health on :3001)
#   docker run IMAGE node dist/apps/cli/src/main.js migrate

ARG NODE_IMAGE=node:22-bookworm-slim

# ---- build: install everything, compile TypeScript, drop dev dependencies ----
FROM ${NODE_IMAGE} AS build
WORKDIR /app
# python3/make/g++ only matter if a native module has no prebuild for this platform.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
# Sources (apps/, libs/, migrations/, tsconfig*.json); .dockerignore keeps the context small.
COPY . .
# `npm run build` compiles the server into dist/apps and builds the officer console into
# dist/console (GraphQL codegen and Vite, dev dependencies pruned just after), which the api
# serves at / (CONSOLE_DIR, relative to /app). The build fails when the console's first page is
# over its JavaScript budget.
RUN npm run build \
 && npm prune --omit=dev --no-audit --no-fund \
 && npm cache clean --force

# ---- runtime: production dependencies, compiled output and reference data only ----
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    API_HOST=0.0.0.0 \
    API_PORT=3000 \
    WORKER_HEALTH_PORT=3001
WORKDIR /app
# Owned by root and only readable by the node user: the app cannot rewrite its own code.
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY data ./data
USER node
EXPOSE 3000 3001
# Probes the API's readiness endpoint; the worker/migrate services override or disable it.
HEALTHCHECK --interval=15s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.API_PORT||3000)+'/ready').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "dist/apps/api/src/main.js"]
