import { randomBytes } from 'node:crypto'
import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'
import { AmqpConnection } from './connection.js'
import { OutboxRelay } from './relay.js'
import type { Outbox } from './outbox.js'
// The kit's decorators this plugin uses (serviceInfo, addReadinessCheck): their types come with it.
import type {} from '@platform/kit'

declare module 'fastify' {
  interface FastifyInstance {
    /** The service's broker connection (see AmqpConnection). */
    amqp: AmqpConnection
  }
}

export interface AmqpPluginOptions {
  /** AMQP_URL; empty: the connection is never opened. */
  url: string
  /** connection_name at the broker; default `<namespace>/<instance>`. */
  name?: string
  namespace: string
  prefetch?: number
  /** Readiness fails while the broker is away (a service that can do nothing without it). */
  required?: boolean
}

/**
 * `app.amqp`: the connection, opened when the app is ready (after every plugin registered its
 * setups) and closed with the app. The broker being down never stops the service from starting.
 */
export const amqpPlugin = fp(
  async (app: FastifyInstance, opts: AmqpPluginOptions) => {
    const connection = new AmqpConnection({
      url: opts.url,
      name: opts.name ?? `${opts.namespace}/${app.serviceInfo.instance}#${process.pid}`,
      log: app.log,
      ...(opts.prefetch ? { prefetch: opts.prefetch } : {})
    })
    app.decorate('amqp', connection)
    if (opts.required) {
      app.addReadinessCheck('broker', () => {
        if (!connection.connected) throw new Error('not connected to the broker')
      })
    }
    app.addHook('onReady', async () => connection.start())
    app.addHook('onClose', async () => connection.close())
  },
  { name: 'amqp', dependencies: ['kit-health'], fastify: '5.x' }
)

export interface RelayPluginOptions {
  outbox: Outbox
  onPublished?: (messageId: string) => void
  pollMs?: number
  leaseMs?: number
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The outbox relay (see OutboxRelay): `app.relay.wake()` after writing a message due now. */
    relay: OutboxRelay
  }
}

/** Runs an outbox relay on `app.amqp` while the app runs; it stops before the database closes. */
export const relayPlugin = fp(
  async (app: FastifyInstance, opts: RelayPluginOptions) => {
    const relay = new OutboxRelay({
      outbox: opts.outbox,
      connection: app.amqp,
      // Unique even for two apps in one process (tests): a claim belongs to exactly one relay.
      owner: `${app.serviceInfo.instance}#${process.pid}.${randomBytes(3).toString('hex')}`,
      log: app.log,
      ...(opts.onPublished ? { onPublished: opts.onPublished } : {}),
      ...(opts.pollMs ? { pollMs: opts.pollMs } : {}),
      ...(opts.leaseMs ? { leaseMs: opts.leaseMs } : {})
    })
    app.decorate('relay', relay)
    app.addHook('onReady', async () => {
      if (app.amqp.enabled) relay.start()
    })
    // preClose: before onClose hooks close the connection and the database.
    app.addHook('preClose', async () => relay.stop())
  },
  { name: 'outbox-relay', dependencies: ['amqp'], fastify: '5.x' }
)
