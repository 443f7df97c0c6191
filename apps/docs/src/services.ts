import { readFileSync } from 'node:fs'

// Process types of the Procfile that have no API of their own.
const NOT_APIS = new Set(['docs', 'traefik'])

/**
 * The services whose docs the gateway shows: DOCS_SERVICES if given, else every process type
 * of the Procfile (its name is the service's path prefix) but the gateway and this one.
 */
export function docsServices(list: string | undefined, procfile: string): string[] {
  if (list !== undefined) return list.split(',').map((s) => s.trim()).filter(Boolean)
  const text = readFileSync(procfile, 'utf8')
  return [...text.matchAll(/^\s*([A-Za-z0-9_-]+):/gm)].map((m) => m[1]!).filter((name) => !NOT_APIS.has(name))
}
