import { Type } from 'typebox'

const Depth = Type.Object({
  queue: Type.String(),
  messages: Type.Union([Type.Integer(), Type.Null()], { description: 'Waiting in the queue (null: the queue does not exist)' }),
  consumers: Type.Union([Type.Integer(), Type.Null()])
})

export const Status = Type.Object(
  {
    broker: Type.Union([Type.Literal('connected'), Type.Literal('disconnected')]),
    smtp: Type.Union([Type.String(), Type.Null()], { description: 'The SMTP server last used (null before the first mail)' }),
    queues: Type.Array(Depth, { description: 'Mail to send, welcome events, the retry queues, and the dead letters (empty while disconnected)' }),
    deliveries: Type.Object(
      { sending: Type.Integer(), retrying: Type.Integer(), sent: Type.Integer(), failed: Type.Integer() },
      { description: 'Message ids remembered, by what became of them' }
    ),
    since_start: Type.Object(
      { sent: Type.Integer(), failed: Type.Integer(), retried: Type.Integer(), duplicates: Type.Integer() },
      { description: 'This instance, since it started' }
    )
  },
  { title: 'MailerStatus' }
)

export const RequeueQuery = Type.Object(
  { limit: Type.Integer({ minimum: 1, maximum: 10_000, default: 1000, description: 'How many to move at most' }) },
  { additionalProperties: false }
)

export const Requeued = Type.Object({ requeued: Type.Integer() }, { title: 'Requeued' })
