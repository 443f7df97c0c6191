import type { Channel } from 'amqplib'

/**
 * What the services that send mail and the mailer agree on: queue and exchange names (each
 * under the formation's AMQP_NAMESPACE) and the JSON bodies of the messages.
 */
export function mailNames (namespace: string) {
  return {
    /** Mail to send: MailMessage bodies, a message id each, replyTo where the sender wants a MailStatus. */
    mail: `${namespace}.mail`,
    /** Mail that could not be sent after the retries (dead-lettered from `mail`). */
    dead: `${namespace}.mail.dead`,
    /** Where the mailer parks a message until its next try (a per-queue TTL, then back to `mail`). */
    retry: (delayMs: number) => `${namespace}.mail.retry.${delayMs}ms`,
    /** Topic exchange of domain events (`users.created`). */
    events: `${namespace}.events`,
    /** The mailer's queue of `users.created` events (welcome mail). */
    welcome: `${namespace}.mailer.users-created`,
    /** A service's queue of MailStatus reports. */
    status: (service: string) => `${namespace}.${service}.mail-status`
  }
}

/** Routing key of the event the users service publishes when an account is created. */
export const USER_CREATED = 'users.created'

/** The body of a message on the mail queue. */
export interface MailMessage {
  to: string
  subject: string
  text: string
  html?: string
}

/** What the mailer reports to a message's replyTo queue (correlationId: the mail's message id). */
export interface MailStatus {
  message_id: string
  status: 'sent' | 'failed'
  /** ISO timestamp: when the SMTP server accepted it, or when the mailer gave up. */
  at: string
  /** The SMTP server's answer, or why it failed. */
  detail?: string
}

/** The body of a `users.created` event. */
export interface UserCreated {
  username: string
  email: string
  created_at: string
}

/**
 * Declares the mail queue and its dead-letter queue, the same way for every service that
 * publishes to it and for the mailer (a queue redeclared with other arguments is an error).
 */
export async function assertMailQueues (channel: Channel, namespace: string): Promise<void> {
  const names = mailNames(namespace)
  await channel.assertQueue(names.dead, { durable: true })
  await channel.assertQueue(names.mail, {
    durable: true,
    arguments: { 'x-dead-letter-exchange': '', 'x-dead-letter-routing-key': names.dead }
  })
}

/** Declares the domain events exchange. */
export async function assertEventsExchange (channel: Channel, namespace: string): Promise<void> {
  await channel.assertExchange(mailNames(namespace).events, 'topic', { durable: true })
}
