import { Type } from 'typebox'

export const DEFAULT_AMQP_URL = 'amqp://guest:guest@127.0.0.1:5672'

/**
 * The broker settings of a service that uses RabbitMQ, spread into the properties given to
 * loadConfig. AMQP_URL: the broker (the local one by default; empty turns the broker off, and
 * an outbox then keeps its messages). AMQP_NAMESPACE: the prefix of every queue and exchange
 * name, so formations sharing one broker never take each other's messages. By default it is
 * derived from the formation's gateway port, which is unique per formation on a machine
 * (`platform-9999` for `pnpm start`, another for each throwaway test stack).
 */
export function amqpConfig (env: Record<string, string | undefined> = process.env) {
  return {
    AMQP_URL: Type.String({ default: DEFAULT_AMQP_URL }),
    AMQP_NAMESPACE: Type.String({
      pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$',
      default: `platform-${env.GATEWAY_PORT || '9999'}`
    })
  }
}
