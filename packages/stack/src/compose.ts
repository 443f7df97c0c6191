/**
 * The formation in containers (compose.yaml and the Dockerfile, untested here): the gateway's
 * static configuration there is traefik.toml with the container's values, kept in
 * traefik.compose.toml, which this writes (the compose test fails while it is stale):
 *
 *   pnpm compose:traefik
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { REPO_ROOT } from '@platform/kit'
import { deriveStaticConfig, type StaticOverrides } from './static-config.js'

export const COMPOSE_TRAEFIK_FILE = 'traefik.compose.toml'

/** What differs in the traefik container: the registry by its service name, the mounted middlewares, the access log on stdout. */
export const CONTAINER_GATEWAY: StaticOverrides = {
  webAddress: ':9999',
  apiAddress: '127.0.0.1:9998',
  fileProviderDir: '/etc/traefik/dynamic',
  httpProviderEndpoint: 'http://registry:9997/registry/traefik',
  // Empty: stdout, where the container engine keeps (and rotates) every container's output.
  accessLog: ''
}

const HEADER = `# GENERATED from traefik.toml by \`pnpm compose:traefik\`; do not edit (the compose test fails while
# it is stale). The static configuration of compose.yaml's traefik container: traefik.toml with
# the registry found by its service name, the hand-written middlewares (traefik/) mounted at
# /etc/traefik/dynamic, and the access log on stdout. The comments below are traefik.toml's.

`

export function composeTraefikConfig (root = REPO_ROOT): string {
  return HEADER + deriveStaticConfig(readFileSync(join(root, 'traefik.toml'), 'utf8'), CONTAINER_GATEWAY)
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  writeFileSync(join(REPO_ROOT, COMPOSE_TRAEFIK_FILE), composeTraefikConfig())
  process.stdout.write(`wrote ${COMPOSE_TRAEFIK_FILE}\n`)
}
