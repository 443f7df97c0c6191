import { sqliteStore, type Db } from '@platform/sqlite'

export type Begin =
  | { go: true, attempts: number }
  | { go: false, state: 'sent' | 'failed', detail: string | null }
  | { go: false, state: 'busy' }

interface Row {
  state: 'sending' | 'retrying' | 'sent' | 'failed'
  attempts: number
  lease_until: number | null
  detail: string | null
}

/** All SQL of the mailer: one row per message id it has seen. */
export function createDeliveriesStore (db: Db, now: () => number = Date.now) {
  const get = db.prepare<[string], Row>('SELECT state, attempts, lease_until, detail FROM deliveries WHERE message_id = ?')
  const insert = db.prepare<[string, string, string, number, number]>(
    "INSERT INTO deliveries (message_id, state, recipient, subject, attempts, lease_until, updated_at) VALUES (?, 'sending', ?, ?, 1, ?, ?)"
  )
  const take = db.prepare<[number, number, string]>(
    "UPDATE deliveries SET state = 'sending', attempts = attempts + 1, lease_until = ?, updated_at = ? WHERE message_id = ?"
  )
  const finish = db.prepare<[string, string, number, string]>(
    'UPDATE deliveries SET state = ?, detail = ?, lease_until = NULL, updated_at = ? WHERE message_id = ?'
  )
  const forget = db.prepare<[string]>("DELETE FROM deliveries WHERE message_id = ? AND state = 'failed'")
  const counts = db.prepare<[], { state: string, n: number }>('SELECT state, count(*) AS n FROM deliveries GROUP BY state')

  // Check and take in one IMMEDIATE transaction: two mailers given the same id at once (a
  // redelivery while the first still sends) cannot both go.
  const begin = db.transaction((id: string, recipient: string, subject: string, leaseMs: number): Begin => {
    const at = now()
    const row = get.get(id)
    if (!row) {
      insert.run(id, recipient, subject, at + leaseMs, at)
      return { go: true, attempts: 1 }
    }
    if (row.state === 'sent' || row.state === 'failed') return { go: false, state: row.state, detail: row.detail }
    if (row.state === 'sending' && row.lease_until !== null && row.lease_until > at) return { go: false, state: 'busy' }
    take.run(at + leaseMs, at, id)
    return { go: true, attempts: row.attempts + 1 }
  })

  return {
    /** May this mailer send message `id` now? Records that it is. */
    begin: (id: string, recipient: string, subject: string, leaseMs: number): Begin => begin.immediate(id, recipient, subject, leaseMs),
    sent: (id: string, detail: string) => finish.run('sent', detail, now(), id),
    /** Not sent this time; another try will come (a retry queue holds the message). */
    retrying: (id: string, detail: string) => finish.run('retrying', detail, now(), id),
    failed: (id: string, detail: string) => finish.run('failed', detail, now(), id),
    /** A dead-lettered message sent back for another round: it may go again. */
    forgetFailed: (id: string) => forget.run(id).changes > 0,
    counts (): Record<'sending' | 'retrying' | 'sent' | 'failed', number> {
      const out = { sending: 0, retrying: 0, sent: 0, failed: 0 }
      for (const { state, n } of counts.all()) out[state as keyof typeof out] = n
      return out
    }
  }
}

export type DeliveriesStore = ReturnType<typeof createDeliveriesStore>

declare module 'fastify' {
  interface FastifyInstance {
    deliveries: DeliveriesStore
  }
}

export const deliveriesStore = sqliteStore({
  name: 'mailer-store',
  decorator: 'deliveries',
  migrations: new URL('../migrations', import.meta.url),
  createStore: (db) => createDeliveriesStore(db)
})
