// The docs service and every API's OpenAPI document, through the gateway: what /docs shows.
import { group, check } from 'k6'
import { get } from '../lib/http.js'
import { expectJson } from '../lib/checks.js'

export function docsSmoke (apis) {
  group('docs', () => {
    const page = get('/docs/', { name: 'GET /docs/', headers: { Accept: 'text/html' } })
    check(page, {
      'docs page: status 200': (r) => r.status === 200,
      'docs page: is HTML': (r) => /text\/html/.test(r.headers['Content-Type'] || '') && /<html/i.test(r.body || '')
    })
    for (const api of apis) {
      expectJson(get(`/${api}/openapi.json`, { name: 'GET /{api}/openapi.json' }), `${api} OpenAPI document`, 200, {
        'describes its paths': (b) => typeof b.openapi === 'string' && Object.keys(b.paths || {}).some((p) => p.startsWith(`/${api}`))
      })
    }
  })
}
