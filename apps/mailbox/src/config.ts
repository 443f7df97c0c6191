import { Type } from 'typebox'
import { loadConfig } from '@platform/kit'
import { databaseFileConfig } from '@platform/sqlite'

export function loadMailboxConfig (env: Record<string, string | undefined> = process.env) {
  return loadConfig({
    ...databaseFileConfig('mailbox'),
    // Where the SMTP server listens. Port 0: a free port the system picks (GET /mailbox/smtp
    // says which), so formations on one machine never collide; set one to point a mail client at.
    SMTP_HOST: Type.String({ default: '127.0.0.1' }),
    SMTP_PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 0 }),
    // A development sink, not an archive: the oldest messages go past this many.
    MAILBOX_KEEP: Type.Integer({ minimum: 1, default: 10_000 }),
    MAILBOX_MAX_BYTES: Type.Integer({ minimum: 1024, default: 10 * 1024 * 1024 })
  }, env)
}

export type MailboxConfig = ReturnType<typeof loadMailboxConfig>
