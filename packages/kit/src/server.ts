import closeWithGrace from 'close-with-grace'
import type { FastifyInstance } from 'fastify'
import type { BaseConfig } from './config.js'

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * Listens on HOST:PORT and closes gracefully on SIGTERM/SIGINT: /health turns 503 so the
 * gateway stops sending traffic, after SHUTDOWN_DELAY_MS the listener closes, in-flight
 * requests finish, resources close (onClose hooks), and the process exits 0.
 */
export async function runService(app: FastifyInstance, config: BaseConfig): Promise<void> {
  closeWithGrace({ delay: config.SHUTDOWN_DELAY_MS + config.SHUTDOWN_TIMEOUT_MS }, async ({ signal, err }) => {
    if (err) app.log.error({ err }, 'closing after an uncaught error')
    else app.log.info({ signal }, 'shutting down')
    app.draining = true
    if (config.SHUTDOWN_DELAY_MS > 0 && !err) await sleep(config.SHUTDOWN_DELAY_MS)
    await app.close()
  })
  await app.listen({ host: config.HOST, port: config.PORT })
}
