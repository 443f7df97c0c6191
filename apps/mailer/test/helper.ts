import { join } from 'node:path'
import type { Test } from 'tap'
import { testApp } from '@platform/kit/testing'
import { tempDir } from '@platform/stack/testing'
import { AmqpConnection, mailNames, publishConfirmed, USER_CREATED, type MailMessage, type MailStatus } from '@platform/queue'
import { QueueProbe, TEST_AMQP_URL, eventually, removeMailNamespaceWhenDone, testNamespace } from '@platform/queue/testing'
import { buildApp as buildMailbox } from '@platform/mailbox'
import { loadMailboxConfig } from '@platform/mailbox/config'
import { buildApp } from '../src/app.js'
import { loadMailerConfig } from '../src/config.js'

export { eventually }

/** A real SMTP sink (the mailbox service, in this process) on a free port, or on `port`. */
export async function startMailbox (t: Test, env: Record<string, string> = {}) {
  const app = await testApp(t, buildMailbox(loadMailboxConfig({ LOG_LEVEL: 'silent', DATABASE_FILE: join(tempDir(t, 'mailbox-'), 'mailbox.db'), ...env })))
  await app.ready()
  const messages = async (to?: string) =>
    (await app.inject({ method: 'GET', url: `/mailbox/messages?limit=100${to ? `&to=${encodeURIComponent(to)}` : ''}` })).json().messages as {
      message_id: string, to: string[], subject: string, header_message_id: string | null
    }[]
  return { app, url: `smtp://127.0.0.1:${app.smtp.port}`, messages }
}

/** Everything a mailer test touches on the broker, under one namespace removed afterwards. */
export async function brokerFor (t: Test, label: string) {
  const namespace = testNamespace(label)
  const names = mailNames(namespace)
  const probe = await QueueProbe.open()
  const status = `${namespace}.test.status`
  await probe.assertQueue(status)
  // Publishes as a sending service would (persistent, confirmed); its own connection.
  const publisher = new AmqpConnection({ url: TEST_AMQP_URL, name: `${namespace}/test-publisher` })
  publisher.start()
  const ch = await publisher.waitConnected()
  await ch.assertExchange(names.events, 'topic', { durable: true })
  removeMailNamespaceWhenDone(namespace, [200, 400, 1500, 5000], [status])
  t.teardown(async () => {
    await publisher.close()
    await probe.close()
  })
  return {
    namespace,
    names,
    probe,
    status,
    /** A mail on the mail queue, reporting to the test's status queue. */
    mail: (id: string, mail: MailMessage, replyTo: string | undefined = status) =>
      publishConfirmed(ch, { exchange: '', routingKey: names.mail, body: mail, messageId: id, type: 'mail', ...(replyTo ? { replyTo } : {}) }),
    /** Anything at all on the mail queue. */
    raw: (id: string, body: Buffer) => publishConfirmed(ch, { exchange: '', routingKey: names.mail, body, messageId: id }),
    userCreated: (username: string, email: string) =>
      publishConfirmed(ch, { exchange: names.events, routingKey: USER_CREATED, body: { username, email, created_at: '2026-05-01T10:00:00.000Z' }, messageId: `users.created.${username}` }),
    /** The status reports received so far (taken off the queue). */
    statuses: async () => (await probe.drain(status)).map((m) => JSON.parse(m.content.toString()) as MailStatus)
  }
}

export async function buildMailer (t: Test, namespace: string, env: Record<string, string> = {}) {
  const app = await testApp(t, buildApp(loadMailerConfig({
    LOG_LEVEL: 'silent',
    DATABASE_FILE: join(tempDir(t, 'mailer-'), 'mailer.db'),
    AMQP_URL: TEST_AMQP_URL,
    AMQP_NAMESPACE: namespace,
    MAIL_RETRY_DELAYS_MS: '200,200',
    SMTP_TIMEOUT_MS: '2000',
    ...env
  })))
  await app.ready()
  await app.amqp.waitConnected()
  return app
}
