import closeWithGrace from 'close-with-grace'
import type { AddressInfo } from 'node:net'
import type { FastifyInstance } from 'fastify'
import type { BaseConfig } from './config.js'
import { announce, announcedUrl, resolveAnnounceDir, withdraw } from './announce.js'

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * Listens on HOST:PORT and closes gracefully on SIGTERM/SIGINT: the instance withdraws its
 * announcement and /health turns 503 so the gateway stops sending traffic, after
 * SHUTDOWN_DELAY_MS the listener closes, in-flight requests finish, resources close
 * (onClose hooks), and the process exits 0.
 */
export async function runService (app: FastifyInstance, config: BaseConfig): Promise<void> {
  let announcement: string | undefined
  const unannounce = () => {
    if (announcement) withdraw(announcement)
    announcement = undefined
  }
  closeWithGrace({ delay: config.SHUTDOWN_DELAY_MS + config.SHUTDOWN_TIMEOUT_MS }, async ({ signal, err }) => {
    if (err) app.log.error({ err }, 'closing after an uncaught error')
    else app.log.info({ signal }, 'shutting down')
    unannounce()
    app.draining = true
    if (config.SHUTDOWN_DELAY_MS > 0 && !err) await sleep(config.SHUTDOWN_DELAY_MS)
    await app.close()
  })
  await app.listen({ host: config.HOST, port: config.PORT })

  const dir = resolveAnnounceDir(config.GATEWAY_ANNOUNCE_DIR)
  if (dir) {
    const port = (app.server.address() as AddressInfo).port
    const { name, prefix, instance } = app.serviceInfo
    announcement = announce(dir, { service: name, prefix, url: announcedUrl(config.HOST, port), instance, pid: process.pid }, port)
    // Whatever way the process ends, the gateway should not keep a stale entry.
    process.once('exit', unannounce)
    app.log.info({ announcement }, 'announced to the gateway')
  }
}

/**
 * What every service's src/server.ts does: read the configuration once, build the app, run it.
 * A bad setting ends the process with a message naming it, before anything listens.
 */
export async function serve<C extends BaseConfig> (loadConfig: () => C, buildApp: (config: C) => Promise<FastifyInstance>): Promise<void> {
  const config = loadConfig()
  await runService(await buildApp(config), config)
}
