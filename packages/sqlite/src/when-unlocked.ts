import { setTimeout as sleep } from 'node:timers/promises'

const isBusy = (err: unknown) => {
  const code = (err as { code?: string } | null)?.code
  return code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED'
}

/**
 * Runs a write that another connection (another instance on the same file) may be holding the
 * write lock for. SQLite's own busy wait sleeps inside the call and so blocks the whole event
 * loop, health checks included; keep the connection's busy_timeout short and wait here instead:
 * on SQLITE_BUSY the write is tried again after an asynchronous pause, so the instance keeps
 * serving meanwhile. A write refused with SQLITE_BUSY did nothing (a BEGIN IMMEDIATE transaction,
 * or one statement, fails before it changes anything), so trying again is safe.
 * Past `timeoutMs` it throws `onTimeout()` (a service's coded 503), never SQLite's error.
 */
export async function whenUnlocked<T> (write: () => T, timeoutMs: number, onTimeout: () => Error): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (let pause = 1; ; pause = Math.min(pause * 2, 50)) {
    try {
      return write()
    } catch (err) {
      if (!isBusy(err)) throw err
      if (Date.now() >= deadline) throw onTimeout()
    }
    // Jitter, so instances that found the lock taken do not come back in step.
    await sleep(pause + Math.random() * pause)
  }
}
