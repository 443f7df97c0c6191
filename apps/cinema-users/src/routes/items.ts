import { actingUserGuard, cursorParser, encodeCursor, errorResponses, type FastifyPluginAsyncTypebox } from '@platform/kit'
import { ItemNotFound } from '../errors.js'
import { Item, ItemPage, ItemParams, ListQuery, NewItem } from '../schemas.js'

const tags = ['items']
const pageKey = cursorParser('cinema-users')
const actingAs = actingUserGuard('cinema-users')

// Handlers stay thin: the schema validates, the store does the SQL, the handler shapes the reply.
const itemsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post('/cinema/users', {
    schema: {
      tags,
      summary: 'Create an item',
      description: 'Answers 201 with the item and `Location: /cinema/users/{item_id}`. Through the gateway, `username` must be the token\'s user.',
      body: NewItem,
      response: { 201: Item, ...errorResponses(400, 403, 413, 415) }
    }
  }, async (request, reply) => {
    actingAs(request, request.body.username)
    const item = app.cinemaUsers.create(request.body)
    return reply.code(201).header('location', `/cinema/users/${item.item_id}`).send(item)
  })

  app.get('/cinema/users', {
    schema: {
      tags,
      summary: 'The newest items, newest first',
      description: 'When more remain, `next` is a cursor: pass it as `before=` for the next page.',
      querystring: ListQuery,
      response: { 200: ItemPage, ...errorResponses(400) }
    }
  }, async (request) => {
    const page = app.cinemaUsers.list(request.query.limit, pageKey(request.query.before))
    return { items: page.items, next: page.next && encodeCursor(page.next) }
  })

  app.get('/cinema/users/:item_id', {
    schema: {
      tags,
      summary: 'One item',
      params: ItemParams,
      response: { 200: Item, ...errorResponses(400, 404) }
    }
  }, async (request) => {
    const item = app.cinemaUsers.get(request.params.item_id)
    if (!item) throw new ItemNotFound(request.params.item_id)
    return item
  })

  app.delete('/cinema/users/:item_id', {
    schema: {
      tags,
      summary: 'Delete an item',
      description: 'Answers 200 with the item as it was.',
      params: ItemParams,
      response: { 200: Item, ...errorResponses(400, 404) }
    }
  }, async (request) => {
    const item = app.cinemaUsers.delete(request.params.item_id)
    if (!item) throw new ItemNotFound(request.params.item_id)
    return item
  })
}

export default itemsRoutes
