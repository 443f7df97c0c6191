import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'
import type { ConfirmChannel, ConsumeMessage } from 'amqplib'
import {
  assertEventsExchange, assertMailQueues, mailNames, publishConfirmed, USER_CREATED,
  type MailMessage, type MailStatus, type UserCreated
} from '@platform/queue'
import { createSender, isPermanent, type Sender } from './smtp.js'

export interface WorkerOptions {
  namespace: string
  smtpUrl: string
  gatewayUrl: string
  from: string
  smtpTimeoutMs: number
  /** Waits before each further try; their count + 1 is how many tries a message gets. */
  retryDelays: number[]
}

export interface Mailer {
  sender: Sender
  names: ReturnType<typeof mailNames>
  /** Every queue the mailer reads or feeds, for the status page. */
  queues: string[]
  stats: { sent: number, failed: number, retried: number, duplicates: number }
  /** Sends dead-lettered messages back to the queue they died in, for another round of tries. */
  requeueDead(limit: number): Promise<number>
}

declare module 'fastify' {
  interface FastifyInstance {
    mailer: Mailer
  }
}

const isString = (v: unknown): v is string => typeof v === 'string'

function parseMail (content: Buffer): MailMessage {
  const m = JSON.parse(content.toString('utf8')) as Partial<MailMessage>
  if (!isString(m.to) || !m.to.includes('@') || !isString(m.subject) || !isString(m.text) || (m.html !== undefined && !isString(m.html))) {
    throw new Error('not a mail message: {to, subject, text, html?} expected')
  }
  return { to: m.to, subject: m.subject, text: m.text, ...(m.html ? { html: m.html } : {}) }
}

function parseUserCreated (content: Buffer): UserCreated {
  const e = JSON.parse(content.toString('utf8')) as Partial<UserCreated>
  if (!isString(e.username) || !isString(e.email) || !e.email.includes('@') || !isString(e.created_at)) {
    throw new Error('not a users.created event: {username, email, created_at} expected')
  }
  return { username: e.username, email: e.email, created_at: e.created_at }
}

export function welcomeMail (user: UserCreated): MailMessage {
  return {
    to: user.email,
    subject: `Welcome to the Wordle platform, ${user.username}!`,
    text:
      `Hello ${user.username},\n\n` +
      `your account was created on ${user.created_at.slice(0, 10)}. Post your games, follow your streaks, ` +
      'vote on posts and join events near you.\n\nSee you on the board!\n'
  }
}

/**
 * The mailer's consumers. Mail: each message is sent over SMTP and acknowledged only after the
 * server accepted it; a message id already sent (or given up) is acknowledged without sending
 * again; a failed try goes to a retry queue that hands it back after its delay; after the last
 * try, or a refusal (5xx), it is dead-lettered. The sender hears `sent` / `failed` on the
 * message's replyTo queue. users.created events become welcome mails on the mail queue.
 */
export const workerPlugin = fp(
  async (app: FastifyInstance, opts: WorkerOptions) => {
    const names = mailNames(opts.namespace)
    const maxTries = opts.retryDelays.length + 1
    const leaseMs = opts.smtpTimeoutMs * 3 + 1000
    const sender = createSender({ smtpUrl: opts.smtpUrl, gatewayUrl: opts.gatewayUrl, from: opts.from, timeoutMs: opts.smtpTimeoutMs })
    const stats = { sent: 0, failed: 0, retried: 0, duplicates: 0 }
    const inflight = new Set<Promise<void>>()
    let stopping = false
    let consumers: { channel: ConfirmChannel, tags: string[] } | undefined

    // The channel may have died while the mail was sent: the broker then hands the message
    // out again, and the deliveries table stops a second send.
    const settle = (ch: ConfirmChannel, fn: () => void) => {
      try {
        fn()
      } catch (err) {
        app.log.warn({ err: (err as Error).message }, 'could not acknowledge: the channel is gone; the broker will redeliver')
      }
    }

    async function report (ch: ConfirmChannel, msg: ConsumeMessage, id: string, status: MailStatus['status'], detail: string | null) {
      const replyTo = msg.properties.replyTo as string | undefined
      if (!replyTo) return
      const body: MailStatus = { message_id: id, status, at: new Date().toISOString(), ...(detail ? { detail } : {}) }
      await publishConfirmed(ch, { exchange: '', routingKey: replyTo, body, messageId: `${id}.${status}`, correlationId: id, type: 'mail.status' })
    }

    async function handleMail (ch: ConfirmChannel, msg: ConsumeMessage): Promise<void> {
      const id = msg.properties.messageId as string | undefined
      let mail: MailMessage
      try {
        if (!id) throw new Error('no message id')
        mail = parseMail(msg.content)
      } catch (err) {
        app.log.error({ message_id: id, err: (err as Error).message }, 'unreadable mail message: dead-lettered')
        return settle(ch, () => ch.nack(msg, false, false))
      }
      const tries = Number(msg.properties.headers?.['x-attempt'] ?? 1)
      const begin = app.deliveries.begin(id, mail.to, mail.subject, leaseMs)
      if (!begin.go) {
        if (begin.state === 'busy') {
          // Another instance is sending it right now: look again in a second.
          setTimeout(() => settle(ch, () => ch.nack(msg, false, true)), 1000).unref()
          return
        }
        stats.duplicates++
        app.log.info({ message_id: id, state: begin.state }, 'message already handled: not sent again')
        try {
          await report(ch, msg, id, begin.state, begin.detail)
          settle(ch, () => ch.ack(msg))
        } catch {
          settle(ch, () => ch.nack(msg, false, true))
        }
        return
      }

      let response: string
      try {
        response = await sender.send(id, mail)
      } catch (err) {
        const detail = (err as Error).message
        if (isPermanent(err) || tries >= maxTries) {
          app.deliveries.failed(id, detail)
          stats.failed++
          app.log.warn({ message_id: id, to: mail.to, tries, err: detail }, 'mail not sent: dead-lettered')
          await report(ch, msg, id, 'failed', detail).catch(() => {})
          return settle(ch, () => ch.nack(msg, false, false))
        }
        app.deliveries.retrying(id, detail)
        stats.retried++
        const delay = opts.retryDelays[tries - 1]!
        app.log.warn({ message_id: id, tries, retry_in_ms: delay, err: detail }, 'mail not sent: trying again later')
        try {
          await publishConfirmed(ch, {
            exchange: '',
            routingKey: names.retry(delay),
            body: msg.content,
            contentType: 'application/json',
            messageId: id,
            type: 'mail',
            ...(msg.properties.replyTo ? { replyTo: msg.properties.replyTo as string } : {}),
            headers: { ...msg.properties.headers, 'x-attempt': tries + 1, 'x-last-error': detail.slice(0, 500) }
          })
          settle(ch, () => ch.ack(msg))
        } catch {
          settle(ch, () => ch.nack(msg, false, true))
        }
        return
      }

      app.deliveries.sent(id, response)
      stats.sent++
      app.log.info({ message_id: id, to: mail.to, tries, response }, 'mail sent')
      try {
        await report(ch, msg, id, 'sent', response)
        settle(ch, () => ch.ack(msg))
      } catch {
        // Sent, but the sender has not heard: the redelivery finds it sent and reports again.
        settle(ch, () => ch.nack(msg, false, true))
      }
    }

    async function handleWelcome (ch: ConfirmChannel, msg: ConsumeMessage): Promise<void> {
      let user: UserCreated
      try {
        user = parseUserCreated(msg.content)
      } catch (err) {
        app.log.error({ err: (err as Error).message }, 'unreadable users.created event: dead-lettered')
        return settle(ch, () => ch.nack(msg, false, false))
      }
      try {
        // The welcome mail goes through the mail queue like any other: same tries, same dead-lettering.
        await publishConfirmed(ch, { exchange: '', routingKey: names.mail, body: welcomeMail(user), messageId: `welcome.${user.username}`, type: 'mail' })
        settle(ch, () => ch.ack(msg))
      } catch {
        settle(ch, () => ch.nack(msg, false, true))
      }
    }

    const track = (work: Promise<void>) => {
      const p = work.catch((err) => app.log.error({ err }, 'mail handler failed')).finally(() => inflight.delete(p))
      inflight.add(p)
    }

    app.amqp.use(async (ch) => {
      await assertMailQueues(ch, opts.namespace)
      for (const delay of opts.retryDelays) {
        await ch.assertQueue(names.retry(delay), {
          durable: true,
          arguments: { 'x-message-ttl': delay, 'x-dead-letter-exchange': '', 'x-dead-letter-routing-key': names.mail }
        })
      }
      await assertEventsExchange(ch, opts.namespace)
      await ch.assertQueue(names.welcome, { durable: true, arguments: { 'x-dead-letter-exchange': '', 'x-dead-letter-routing-key': names.dead } })
      await ch.bindQueue(names.welcome, names.events, USER_CREATED)
      if (stopping) return
      const mail = await ch.consume(names.mail, (msg) => msg && track(handleMail(ch, msg)))
      const welcome = await ch.consume(names.welcome, (msg) => msg && track(handleWelcome(ch, msg)))
      consumers = { channel: ch, tags: [mail.consumerTag, welcome.consumerTag] }
    })

    async function requeueDead (limit: number): Promise<number> {
      const ch = app.amqp.channel
      if (!ch) throw new Error('not connected to the broker')
      let moved = 0
      while (moved < limit) {
        const msg = await ch.get(names.dead, { noAck: false })
        if (!msg) break
        const headers = { ...msg.properties.headers }
        const queue = String(headers['x-first-death-queue'] ?? names.mail)
        const id = msg.properties.messageId as string | undefined
        if (id) app.deliveries.forgetFailed(id)
        delete headers['x-attempt']
        await publishConfirmed(ch, {
          exchange: '',
          routingKey: queue === names.welcome ? names.welcome : names.mail,
          body: msg.content,
          contentType: msg.properties.contentType ?? 'application/json',
          messageId: id ?? `requeued.${Date.now()}.${moved}`,
          ...(msg.properties.type ? { type: msg.properties.type as string } : {}),
          ...(msg.properties.replyTo ? { replyTo: msg.properties.replyTo as string } : {}),
          headers
        })
        ch.ack(msg)
        moved++
      }
      return moved
    }

    app.decorate('mailer', {
      sender,
      names,
      queues: [names.mail, names.welcome, ...opts.retryDelays.map(names.retry), names.dead],
      stats,
      requeueDead
    })

    // Stop taking messages, let the ones in hand finish (their acks need the connection,
    // which closes in onClose), then close the SMTP transport.
    app.addHook('preClose', async () => {
      stopping = true
      if (consumers) {
        for (const tag of consumers.tags) await consumers.channel.cancel(tag).catch(() => {})
      }
      await Promise.all([...inflight])
    })
    app.addHook('onClose', async () => sender.close())
  },
  { name: 'mailer-worker', dependencies: ['amqp', 'mailer-store'], fastify: '5.x' }
)
