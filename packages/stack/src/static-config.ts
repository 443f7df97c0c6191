export interface StaticOverrides {
  webAddress: string
  apiAddress: string
  /** traefik/: the hand-written dynamic configuration (middlewares), Traefik's file provider. */
  fileProviderDir: string
  /** The service registry's GET /registry/traefik, Traefik's HTTP provider: the routes. */
  httpProviderEndpoint: string
  accessLog: string
  /** false turns the dashboard off (a source build of Traefik has no dashboard assets). */
  dashboard?: boolean
}

/**
 * traefik.toml with the per-formation values replaced. A line-level edit keeps the file's
 * comments and needs no TOML library; it fails loudly if traefik.toml no longer has a key.
 */
export function deriveStaticConfig (toml: string, o: StaticOverrides): string {
  const wanted: Record<string, string | boolean> = {
    'entryPoints.web.address': o.webAddress,
    'entryPoints.traefik.address': o.apiAddress,
    'providers.file.directory': o.fileProviderDir,
    'providers.http.endpoint': o.httpProviderEndpoint,
    'accessLog.filePath': o.accessLog,
    ...(o.dashboard === false ? { 'api.dashboard': false } : {})
  }
  const done = new Set<string>()
  let table = ''
  const lines = toml.split('\n').map((line) => {
    const header = /^\s*\[([^\]]+)\]\s*$/.exec(line)
    if (header) table = header[1]!.trim()
    const kv = /^(\s*)([A-Za-z]+)(\s*=\s*).*$/.exec(line)
    if (!kv) return line
    const key = `${table}.${kv[2]}`
    if (!(key in wanted)) return line
    done.add(key)
    return `${kv[1]}${kv[2]}${kv[3]}${JSON.stringify(wanted[key])}`
  })
  const missing = Object.keys(wanted).filter((k) => !done.has(k))
  if (missing.length > 0) throw new Error(`traefik.toml has no ${missing.join(', ')}`)
  return lines.join('\n')
}
