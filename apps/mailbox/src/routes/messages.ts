import { cursorParser, encodeCursor, errorResponses, type FastifyPluginAsyncTypebox } from '@platform/kit'
import { Type } from 'typebox'
import { MessageNotFound } from '../errors.js'
import { ListQuery, Message, MessagePage, MessageParams, Smtp } from '../schemas.js'

const tags = ['mailbox']
const pageKey = cursorParser('mailbox')

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

const messagesRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/mailbox/messages', {
    schema: {
      tags,
      summary: 'The messages received, newest first',
      description: '`to` keeps those delivered to that address (any letter case). `next` pages to older ones as `before=`.',
      querystring: ListQuery,
      response: { 200: MessagePage, ...errorResponses(400) }
    }
  }, async (request) => {
    const { limit, to, before } = request.query
    const page = app.mailbox.list({ limit, to, before: pageKey(before) })
    return { messages: page.messages, next: page.next && encodeCursor(page.next) }
  })

  app.get('/mailbox/messages/:message_id', {
    schema: {
      tags,
      summary: 'One message, with its text and HTML bodies',
      params: MessageParams,
      response: { 200: Message, ...errorResponses(400, 404) }
    }
  }, async (request) => {
    const message = app.mailbox.get(request.params.message_id)
    if (!message) throw new MessageNotFound(request.params.message_id)
    return message
  })

  app.delete('/mailbox/messages', {
    schema: {
      tags,
      summary: 'Empty the mailbox',
      response: { 200: Type.Object({ deleted: Type.Integer() }) }
    }
  }, async () => ({ deleted: app.mailbox.clear() }))

  app.get('/mailbox/smtp', {
    schema: {
      tags,
      summary: 'Where the SMTP server listens',
      response: { 200: Smtp }
    }
  }, async () => ({ host: app.smtp.host, port: app.smtp.port, url: `smtp://${app.smtp.host}:${app.smtp.port}` }))

  app.get('/mailbox/inbox', {
    schema: {
      tags,
      summary: 'The newest 50 messages as a web page, for a person to read',
      produces: ['text/html'],
      response: { 200: Type.String({ description: 'An HTML page' }) }
    }
  }, async (_request, reply) => {
    const { messages } = app.mailbox.list({ limit: 50 })
    const items = messages.map((summary) => {
      const m = app.mailbox.get(summary.message_id)!
      return `<article><h2>${escape(m.subject || '(no subject)')}</h2>
<p class="meta">${escape(m.received_at)} · from ${escape(m.sender || m.from)} · to ${escape(m.to.join(', '))} · <a href="messages/${m.message_id}">JSON</a></p>
<pre>${escape(m.text ?? '')}</pre></article>`
    })
    return reply.type('text/html; charset=utf-8').send(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Mailbox</title>
<style>body{font:15px/1.4 system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem}article{border-top:1px solid #ccc;padding:.5rem 0}h2{font-size:1.05rem;margin:.3rem 0}.meta{color:#555;font-size:.85rem}pre{white-space:pre-wrap;font:inherit}</style>
</head><body><h1>Mailbox</h1><p>${app.mailbox.size()} message(s) kept; SMTP on ${escape(`${app.smtp.host}:${app.smtp.port}`)}. Newest first.</p>
${items.join('\n') || '<p>No mail yet.</p>'}
</body></html>`)
  })
}

export default messagesRoutes
