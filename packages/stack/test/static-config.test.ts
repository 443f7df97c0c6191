import { test } from 'tap'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { REPO_ROOT } from '@platform/kit'
import { deriveStaticConfig } from '../src/static-config.js'

test('deriveStaticConfig changes only the per-formation values of traefik.toml', async (t) => {
  const toml = readFileSync(join(REPO_ROOT, 'traefik.toml'), 'utf8')
  const out = deriveStaticConfig(toml, { webAddress: ':19999', apiAddress: '127.0.0.1:19998', fileProviderDir: '/tmp/d', httpProviderEndpoint: 'http://127.0.0.1:19997/registry/traefik', accessLog: '/tmp/a.log', dashboard: false })
  t.match(out, /\[entryPoints\.web\]\n\s+address = ":19999"/)
  t.match(out, /\[entryPoints\.traefik\]\n\s+address = "127\.0\.0\.1:19998"/, 'the API stays on loopback')
  t.match(out, /directory = "\/tmp\/d"/)
  t.match(out, /\[providers\.http\]\n\s+endpoint = "http:\/\/127\.0\.0\.1:19997\/registry\/traefik"/, 'routes from the registry')
  t.match(out, /filePath = "\/tmp\/a\.log"/)
  t.match(out, /dashboard = false/)
  t.match(out, /format = "json"/, 'the rest is kept')
  t.equal(out.split('\n').length, toml.split('\n').length)
  t.throws(() => deriveStaticConfig('[api]\n', { webAddress: '', apiAddress: '', fileProviderDir: '', httpProviderEndpoint: '', accessLog: '' }), /traefik\.toml has no entryPoints\.web\.address/)
})
