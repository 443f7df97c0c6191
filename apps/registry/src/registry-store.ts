import { bytesToUuid, newUuid, uuidToBytes } from '@platform/ids'
import { sqliteStore, type Db } from '@platform/sqlite'

export type Status = 'passing' | 'critical'

export interface Instance {
  instance_id: string
  service: string
  prefix: string
  url: string
  health_path: string
  open_writes?: true | string[]
  status: Status
  registered_at: string
  last_checked: string | null
  last_status_code: number | null
}

export interface NewRegistration {
  service: string
  url: string
  health_path: string
  prefix?: string | undefined
  open_writes?: true | string[] | undefined
}

interface InstanceRow {
  instance_id: Buffer
  service: string
  prefix: string
  url: string
  health_path: string
  open_writes: string | null
  status: Status
  registered_at: number
  last_checked: number | null
  last_status_code: number | null
  failing_since: number | null
}

const COLUMNS = 'instance_id, service, prefix, url, health_path, open_writes, status, registered_at, last_checked, last_status_code, failing_since'
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString())

const toInstance = (row: InstanceRow): Instance => ({
  instance_id: bytesToUuid(row.instance_id),
  service: row.service,
  prefix: row.prefix,
  url: row.url,
  health_path: row.health_path,
  ...(row.open_writes === null ? {} : { open_writes: JSON.parse(row.open_writes) as true | string[] }),
  status: row.status,
  registered_at: new Date(row.registered_at).toISOString(),
  last_checked: iso(row.last_checked),
  last_status_code: row.last_status_code
})

/** The outcome of one health check: the status code, or 0 when nothing answered in time. */
export interface CheckResult {
  url: string
  statusCode: number
}

/** All SQL of the registry. */
export function createRegistryStore (db: Db, now: () => number = Date.now) {
  // A registration of a URL already known keeps its id and starts passing again: the
  // instance has just started listening there (a restart), so it is serving.
  const upsert = db.prepare<[Buffer, string, string, string, string, string | null, number], InstanceRow>(
    `INSERT INTO instances (instance_id, service, prefix, url, health_path, open_writes, status, registered_at)
     VALUES (?, ?, ?, ?, ?, ?, 'passing', ?)
     ON CONFLICT (url) DO UPDATE SET prefix = excluded.prefix, health_path = excluded.health_path,
       open_writes = excluded.open_writes, status = 'passing', failing_since = NULL
     WHERE instances.service = excluded.service
     RETURNING ${COLUMNS}`
  )
  const byUrl = db.prepare<[string], InstanceRow>(`SELECT ${COLUMNS} FROM instances WHERE url = ?`)
  const remove = db.prepare<[Buffer], InstanceRow>(`DELETE FROM instances WHERE instance_id = ? RETURNING ${COLUMNS}`)
  const all = db.prepare<[number], InstanceRow>(`SELECT ${COLUMNS} FROM instances ORDER BY service, url LIMIT ?`)
  const ofService = db.prepare<[string, number], InstanceRow>(`SELECT ${COLUMNS} FROM instances WHERE service = ? ORDER BY url LIMIT ?`)
  const everyInstance = db.prepare<[], InstanceRow>(`SELECT ${COLUMNS} FROM instances`)
  const passed = db.prepare<[number, number, string]>(
    "UPDATE instances SET status = 'passing', last_checked = ?, last_status_code = ?, failing_since = NULL WHERE url = ?"
  )
  const failed = db.prepare<[number, number, number, string]>(
    "UPDATE instances SET status = 'critical', last_checked = ?, last_status_code = ?, failing_since = coalesce(failing_since, ?) WHERE url = ?"
  )
  const expire = db.prepare<[number]>("DELETE FROM instances WHERE status = 'critical' AND failing_since <= ?")

  const record = db.transaction((results: CheckResult[], at: number, deregisterBefore: number) => {
    for (const r of results) {
      if (r.statusCode === 200) passed.run(at, r.statusCode, r.url)
      else failed.run(at, r.statusCode, at, r.url)
    }
    return expire.run(deregisterBefore).changes
  })

  return {
    /**
     * Registers an instance, or answers the one already at that URL (a restart registers again).
     * Undefined when the URL is registered to another service (the caller's 409).
     */
    register (r: NewRegistration): { instance: Instance, created: boolean } | undefined {
      const fresh = newUuid().bytes
      const openWrites = r.open_writes === undefined ? null : JSON.stringify(r.open_writes)
      const row = upsert.get(fresh, r.service, r.prefix ?? `/${r.service}`, r.url, r.health_path, openWrites, now())
      return row && { instance: toInstance(row), created: row.instance_id.equals(fresh) }
    },

    holderOf (url: string): Instance | undefined {
      const row = byUrl.get(url)
      return row && toInstance(row)
    },

    deregister (instanceId: string): Instance | undefined {
      const row = remove.get(uuidToBytes(instanceId))
      return row && toInstance(row)
    },

    list (limit: number, service?: string): Instance[] {
      return (service === undefined ? all.all(limit) : ofService.all(service, limit)).map(toInstance)
    },

    /** Every instance, for the health checker and the gateway's configuration. */
    everyInstance (): Instance[] {
      return everyInstance.all().map(toInstance)
    },

    /** Stores a round of checks in one transaction; removes instances failing since before `deregisterBefore`. */
    recordChecks (results: CheckResult[], deregisterBefore: number): number {
      return record(results, now(), deregisterBefore)
    }
  }
}

export type RegistryStore = ReturnType<typeof createRegistryStore>

declare module 'fastify' {
  interface FastifyInstance {
    registry: RegistryStore
  }
}

/** The registry database as a plugin: `app.registry` is the store. */
export const registryStore = sqliteStore({
  name: 'registry-store',
  decorator: 'registry',
  migrations: new URL('../migrations', import.meta.url),
  createStore: (db) => createRegistryStore(db)
})
