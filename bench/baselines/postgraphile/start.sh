#!/usr/bin/env bash
# Starts the PostGraphile baseline on Node 22 (PostGraphile 5 needs it), as deployed (NODE_ENV=production).
# Env: DATABASE_URL, PORT. Prints {"listening":PORT} on stdout once it accepts requests; npm, when the
# dependencies are missing, writes to stderr so that line stays the only one on stdout.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
node22=$(bash "$here/../../../.ci/node22")
if [ ! -d "$here/node_modules" ]; then
  PATH="$node22/bin:$PATH" npm ci --prefix "$here" --no-audit --no-fund >&2
fi
NODE_ENV=production exec "$node22/bin/node" "$here/server.mjs"
