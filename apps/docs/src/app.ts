import { createService } from '@platform/kit'
import type { DocsConfig } from './config.js'

/**
 * Swagger UI at the gateway's /docs with a picker over every service's spec, each fetched
 * through the gateway at `/<service>/openapi.json`, so "Try it out" goes through it too.
 */
export async function buildApp(config: DocsConfig, services: string[], fastify = {}) {
  return createService({
    name: 'docs',
    codePrefix: 'DOCS',
    prefix: '/docs',
    title: 'Platform API docs',
    description: 'The API documentation of every service behind the gateway.',
    version: '1.0.0',
    tags: [],
    config,
    fastify,
    docsUrls: services.map((name) => ({ name, url: `/${name}/openapi.json` }))
  })
}
