# syntax=docker/dockerfile:1.7
#
# One image for every process of the Procfile (untested here: the machine that wrote it has no
# container engine; packages/stack/test/compose.test.ts checks it statically). Building is
# installing the workspace from the lockfile (better-sqlite3's native addon is built, or its
# prebuilt binary fetched, then) and compiling every package to its dist/ (`pnpm build`), which
# the Procfile's commands run as `pnpm start` does.
#
#   docker build -t wordle-platform .
#   docker run --rm -e HOST=0.0.0.0 -e REGISTRY_URL= -p 3000:3000 wordle-platform \
#     'exec node --conditions=compiled apps/posts/dist/server.js'
#
# The argument is a Procfile command, run as a foreman runs it (sh -c); compose.yaml gives each
# service its line.

ARG NODE_IMAGE=node:20-bookworm-slim
ARG PNPM_VERSION=10.34.9

FROM ${NODE_IMAGE} AS build
ARG PNPM_VERSION
WORKDIR /app
# A compiler in case no prebuilt better-sqlite3 binary fits; only this stage has it.
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/* \
  && npm install -g "pnpm@${PNPM_VERSION}"
# The lockfile alone decides what is fetched: this layer stays cached until it changes.
COPY pnpm-lock.yaml pnpm-workspace.yaml .npmrc ./
RUN pnpm fetch
COPY . .
RUN pnpm install --offline --frozen-lockfile && pnpm run build

FROM ${NODE_IMAGE} AS run
WORKDIR /app
COPY --from=build /app /app
# Runs one Procfile command. HOST=auto (the default here): the container's own address, where
# the service listens and which it registers with the registry; the gateway and the registry
# reach each replica there (HOST=0.0.0.0 would register http://127.0.0.1:PORT, unreachable
# from the traefik container).
COPY --chmod=755 <<'EOF' /usr/local/bin/procfile-command
#!/bin/sh
set -eu
if [ "$#" -eq 0 ]; then
  echo "usage: <image> 'exec node --conditions=compiled apps/<service>/dist/server.js' (a Procfile command)" >&2
  exit 2
fi
if [ "${HOST:-auto}" = auto ]; then
  HOST=$(hostname -i | cut -d' ' -f1)
  export HOST
fi
exec sh -c "$*"
EOF
ENV NODE_ENV=production \
  HOST=auto \
  PORT=3000 \
  DATA_DIR=/app/data \
  SHARDS_DIR=/app/shards
# Not root: the data volumes are owned by node.
RUN mkdir -p /app/data /app/shards && chown -R node:node /app/data /app/shards
USER node
VOLUME ["/app/data", "/app/shards"]
ENTRYPOINT ["procfile-command"]
