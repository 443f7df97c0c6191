import type { FastifyPluginAsyncTypebox } from '@platform/kit'
import { actingUserGuard, cursorParser, encodeCursor, errorResponses } from '@platform/kit'
import { ListQuery, Message, MessagePage, MessageParams, NewMessage } from '../schemas.js'
import { MailboxRequired } from '../errors.js'

const pageKey = cursorParser('messages')
const actingAs = actingUserGuard('messages')
const tags = ['messages']

const messages: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/messages',
    {
      schema: {
        tags,
        summary: 'Send a message',
        description:
          'The service sets the id and timestamp. Usernames are checked for form only: whether accounts exist is the users service\'s business. ' +
          'Through the gateway, `from` must be the token\'s user (403).',
        body: NewMessage,
        response: { 201: Message, ...errorResponses(400, 403, 413, 415) }
      }
    },
    async (req, reply) => {
      actingAs(req, req.body.from)
      const message = app.messages.send(req.body)
      return reply.code(201).header('location', `/messages/${message.message_id}`).send(message)
    }
  )

  app.get(
    '/messages',
    {
      schema: {
        tags,
        summary: 'An inbox (?to=) or an outbox (?from=), newest first',
        description: 'Exactly one of `to` and `from`. Pages of `limit`; pass `next` as `before=` for older messages.',
        querystring: ListQuery,
        response: { 200: MessagePage, ...errorResponses(400) }
      }
    },
    async (req) => {
      const { to, from, limit, before } = req.query
      if ((to === undefined) === (from === undefined)) throw new MailboxRequired()
      const key = pageKey(before)
      const page = to !== undefined ? app.messages.list('to', to, limit, key) : app.messages.list('from', from!, limit, key)
      return { messages: page.messages, next: page.next && encodeCursor(page.next) }
    }
  )

  app.get(
    '/messages/:message_id',
    {
      schema: { tags, summary: 'Read a message', params: MessageParams, response: { 200: Message, ...errorResponses(400, 404) } }
    },
    async (req) => app.messages.get(req.params.message_id)
  )

  app.delete(
    '/messages/:message_id',
    {
      schema: {
        tags,
        summary: 'Delete a message',
        description: 'Answers the message as it was; it is gone for both sender and recipient. Through the gateway, by one of them only (403).',
        params: MessageParams,
        response: { 200: Message, ...errorResponses(400, 403, 404) }
      }
    },
    async (req) => {
      const message = app.messages.get(req.params.message_id)
      actingAs(req, message.from, message.to)
      return app.messages.delete(req.params.message_id)
    }
  )

  for (const [method, favorite] of [['POST', true], ['DELETE', false]] as const) {
    app.route({
      method,
      url: '/messages/:message_id/favorite',
      schema: {
        tags,
        summary: favorite ? 'Mark a message as a favorite' : 'Unmark a favorite message',
        description: 'Idempotent: answers the message as it is now. Through the gateway, by its recipient only (403).',
        params: MessageParams,
        response: { 200: Message, ...errorResponses(400, 403, 404) }
      },
      handler: async (req) => {
        actingAs(req, app.messages.get(req.params.message_id).to)
        return app.messages.setFavorite(req.params.message_id, favorite)
      }
    })
  }
}

export default messages
