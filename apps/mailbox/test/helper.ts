import { join } from 'node:path'
import type { Test } from 'tap'
import { createTransport } from 'nodemailer'
import { testApp } from '@platform/kit/testing'
import { buildApp } from '../src/app.js'
import { loadMailboxConfig } from '../src/config.js'

/** A mailbox on a fresh temporary database, its SMTP server on a free port, closed when the test ends. */
export async function buildTestApp (t: Test, env: Record<string, string> = {}) {
  const app = await testApp(t, buildApp(loadMailboxConfig({ LOG_LEVEL: 'silent', DATABASE_FILE: join(t.testdir(), 'mailbox.db'), ...env })))
  await app.ready()
  return app
}

export type TestApp = Awaited<ReturnType<typeof buildTestApp>>

/** A real SMTP client (nodemailer) pointed at the test's mailbox. */
export function mailTo (app: TestApp) {
  const transport = createTransport({ host: app.smtp.host, port: app.smtp.port, secure: false, ignoreTLS: true })
  return (mail: { to: string | string[], subject: string, text?: string, html?: string, from?: string, messageId?: string }) =>
    transport.sendMail({ from: 'Platform <no-reply@platform.test>', ...mail })
}
