import { Type } from 'typebox'
import { gatewayUrlConfig, loadConfig } from '@platform/kit'
import { amqpConfig } from '@platform/queue'
import { databaseFileConfig } from '@platform/sqlite'

export function loadNotificationsConfig (env: Record<string, string | undefined> = process.env) {
  return loadConfig({
    ...databaseFileConfig('notifications'),
    ...amqpConfig(env),
    ...gatewayUrlConfig(env),
    // How often the schedule is read for what another instance wrote (this instance's own
    // writes wake it at once, and it wakes itself when the next notification it knows is due).
    NOTIFICATIONS_POLL_MS: Type.Integer({ minimum: 10, maximum: 60_000, default: 250 }),
    // How long an instance holds the notifications it is handing to the broker: one that dies
    // (kill -9) delays them by at most this much, then another instance takes them.
    NOTIFICATIONS_LEASE_MS: Type.Integer({ minimum: 100, default: 5000 })
  }, env)
}

export type NotificationsConfig = ReturnType<typeof loadNotificationsConfig>
