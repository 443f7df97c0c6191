import closeWithGrace from 'close-with-grace'
import type { AddressInfo } from 'node:net'
import type { FastifyInstance } from 'fastify'
import type { BaseConfig } from './config.js'
import { instanceUrl, registration } from './registration.js'

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * Listens on HOST:PORT, registers with the service registry, and closes gracefully on
 * SIGTERM/SIGINT: the instance deregisters and /health turns 503 so the gateway stops sending
 * traffic, after SHUTDOWN_DELAY_MS the listener closes, in-flight requests finish, resources
 * close (onClose hooks), and the process exits 0.
 */
export async function runService (app: FastifyInstance, config: BaseConfig): Promise<void> {
  let registered: ReturnType<typeof registration> | undefined
  closeWithGrace({ delay: config.SHUTDOWN_DELAY_MS + config.SHUTDOWN_TIMEOUT_MS }, async ({ signal, err }) => {
    if (err) app.log.error({ err }, 'closing after an uncaught error')
    else app.log.info({ signal }, 'shutting down')
    app.draining = true
    await registered?.stop()
    if (config.SHUTDOWN_DELAY_MS > 0 && !err) await sleep(config.SHUTDOWN_DELAY_MS)
    await app.close()
  })
  await app.listen({ host: config.HOST, port: config.PORT })

  if (config.REGISTRY_URL !== '') {
    const { name, prefix, openWrites } = app.serviceInfo
    const url = instanceUrl(config.HOST, (app.server.address() as AddressInfo).port)
    const me = { service: name, prefix, url, health_path: '/health', ...(openWrites ? { open_writes: openWrites } : {}) }
    registered = registration(config.REGISTRY_URL, me, app.log)
    // Not awaited past the first try: a registry that is away must not keep the service down.
    await registered.start()
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
