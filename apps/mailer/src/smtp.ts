import { createTransport, type Transporter } from 'nodemailer'
import { upstream } from '@platform/kit'
import type { MailMessage } from '@platform/queue'

/** A refusal the SMTP server means (5xx): sending the same message again will not help. */
export function isPermanent (err: unknown): boolean {
  const code = (err as { responseCode?: number }).responseCode
  return typeof code === 'number' && code >= 500 && code < 600
}

// Message ids that can stand as they are in a Message-ID header (RFC 5322 dot-atom).
const ATOM = /^[A-Za-z0-9._-]{1,200}$/

export interface SenderOptions {
  /** smtp:// URL; empty: ask the formation's mailbox, through the gateway, where it listens. */
  smtpUrl: string
  gatewayUrl: string
  from: string
  timeoutMs: number
}

/**
 * Sends mail over SMTP with nodemailer. The transport is made on first use and dropped after
 * any failure that is not a refusal, so a restarted (or moved) SMTP server is found again.
 */
export function createSender (options: SenderOptions) {
  const mailbox = upstream('mailer', options.gatewayUrl, options.timeoutMs)
  let transport: Transporter | undefined
  let url: string | undefined

  async function connect (): Promise<Transporter> {
    if (transport) return transport
    if (options.smtpUrl) {
      url = options.smtpUrl
    } else {
      const { status, body } = await mailbox.get<{ url?: string }>('/mailbox/smtp')
      if (status !== 200 || !body.url) throw new Error(`the mailbox did not say where its SMTP server listens (status ${status})`)
      url = body.url
    }
    transport = createTransport({
      url,
      connectionTimeout: options.timeoutMs,
      greetingTimeout: options.timeoutMs,
      socketTimeout: options.timeoutMs
    })
    return transport
  }

  return {
    /** The SMTP server last used (undefined before the first mail). */
    get url () {
      return url
    },

    /** Resolves with the server's answer once it has accepted the message. */
    async send (messageId: string, mail: MailMessage): Promise<string> {
      const t = await connect()
      try {
        const info = await t.sendMail({
          from: options.from,
          to: mail.to,
          subject: mail.subject,
          text: mail.text,
          ...(mail.html ? { html: mail.html } : {}),
          ...(ATOM.test(messageId) ? { messageId: `<${messageId}@platform.local>` } : {}),
          headers: { 'X-Platform-Message-Id': messageId }
        })
        return info.response ?? 'accepted'
      } catch (err) {
        if (!isPermanent(err)) {
          t.close()
          transport = undefined
        }
        throw err
      }
    },

    close () {
      transport?.close()
      transport = undefined
    }
  }
}

export type Sender = ReturnType<typeof createSender>
