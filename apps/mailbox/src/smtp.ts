import type { AddressInfo } from 'node:net'
import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'
import { simpleParser, type AddressObject } from 'mailparser'
import { SMTPServer } from 'smtp-server'

declare module 'fastify' {
  interface FastifyInstance {
    /** Where the SMTP server listens (port known once the app is ready). */
    smtp: { host: string, port: number }
  }
}

const addressText = (a: AddressObject | AddressObject[] | undefined) => (Array.isArray(a) ? a.map((x) => x.text).join(', ') : a?.text ?? '')

/**
 * An SMTP server that accepts any message for anyone and keeps it in the mailbox: the
 * "250 OK" goes out only once the message is stored, so a sender that saw it accepted finds
 * it here. No TLS, any or no authentication: it is for development, on loopback.
 */
export const smtpPlugin = fp(
  async (app: FastifyInstance, opts: { host: string, port: number, maxBytes: number }) => {
    const info = { host: opts.host, port: opts.port }
    app.decorate('smtp', info)
    const server = new SMTPServer({
      banner: 'platform mailbox: development sink, every message is kept',
      authOptional: true,
      allowInsecureAuth: true,
      disabledCommands: ['STARTTLS'],
      size: opts.maxBytes,
      logger: false,
      // Closing waits for open sessions this long, then cuts them.
      closeTimeout: 1000,
      onAuth (auth, _session, callback) {
        callback(null, { user: auth.username ?? 'anyone' })
      },
      onData (stream, session, callback) {
        let size = 0
        stream.on('data', (chunk: Buffer) => (size += chunk.length))
        simpleParser(stream, { skipImageLinks: true }).then((parsed) => {
          if ((stream as unknown as { sizeExceeded?: boolean }).sizeExceeded) {
            const err = Object.assign(new Error(`message larger than ${opts.maxBytes} bytes`), { responseCode: 552 })
            return callback(err)
          }
          const id = app.mailbox.add({
            envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            envelopeTo: session.envelope.rcptTo.map((r) => r.address),
            headerMessageId: parsed.messageId ?? null,
            sender: addressText(parsed.from),
            recipients: addressText(parsed.to),
            subject: parsed.subject ?? '',
            text: parsed.text ?? null,
            html: typeof parsed.html === 'string' ? parsed.html : null,
            size
          })
          app.log.info({ mailbox_id: id, to: session.envelope.rcptTo.map((r) => r.address), subject: parsed.subject }, 'mail received')
          callback(null, `Queued as ${id}`)
        }, (err: Error) => callback(err))
      }
    })
    server.on('error', (err) => app.log.warn({ err }, 'smtp server error'))
    app.addHook('onReady', async () => {
      await new Promise<void>((resolve, reject) => {
        server.server.once('error', reject)
        server.listen(opts.port, opts.host, () => {
          server.server.off('error', reject)
          resolve()
        })
      })
      info.port = (server.server.address() as AddressInfo).port
      app.log.info({ smtp: `${info.host}:${info.port}` }, 'smtp server listening')
    })
    app.addHook('onClose', async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()))
    })
  },
  { name: 'smtp', dependencies: ['mailbox-store'], fastify: '5.x' }
)
