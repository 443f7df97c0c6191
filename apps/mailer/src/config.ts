import { Type } from 'typebox'
import { gatewayUrlConfig, loadConfig } from '@platform/kit'
import { amqpConfig } from '@platform/queue'
import { databaseFileConfig } from '@platform/sqlite'

export function loadMailerConfig (env: Record<string, string | undefined> = process.env) {
  const config = loadConfig({
    ...databaseFileConfig('mailer'),
    ...amqpConfig(env),
    ...gatewayUrlConfig(env),
    // smtp://host:port (smtps:// for TLS, user:pass@ for auth). Empty: the formation's mailbox,
    // asked through the gateway where its SMTP server listens.
    SMTP_URL: Type.String({ default: '' }),
    MAIL_FROM: Type.String({ minLength: 3, default: 'Wordle platform <no-reply@platform.local>' }),
    // Waits before the 2nd, 3rd... try of a message the SMTP server did not take; after the
    // last, it is dead-lettered. Comma-separated ms.
    MAIL_RETRY_DELAYS_MS: Type.String({ pattern: '^\\d+(,\\d+)*$', default: '1000,5000,30000,120000' }),
    // Messages sent at once.
    MAILER_PREFETCH: Type.Integer({ minimum: 1, maximum: 100, default: 5 }),
    SMTP_TIMEOUT_MS: Type.Integer({ minimum: 100, default: 10_000 })
  }, env)
  return { ...config, retryDelays: config.MAIL_RETRY_DELAYS_MS.split(',').map(Number) }
}

export type MailerConfig = ReturnType<typeof loadMailerConfig>
