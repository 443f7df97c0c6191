import { actingUserGuard, decodeCursor, encodeCursor, errorResponses, parseInstant, type FastifyPluginAsyncTypebox } from '@platform/kit'
import { BadCursor, BadQuery, EventNotFound } from '../errors.js'
import type { ListQuery as StoreQuery } from '../events-store.js'
import { Event, EventChange, EventPage, EventParams, ListQuery, NewEvent } from '../schemas.js'

const tags = ['events']
const actingAs = actingUserGuard('events')

// The formats checked these already: parseInstant accepts exactly what 'timestamp' does.
const ms = (value: string) => parseInstant(value)!.ms
const msOrNull = (value: string | null | undefined) => (value === undefined ? undefined : value === null ? null : ms(value))

/** The query as the store takes it; the cross-field rules the schema cannot say are 400s here. */
function storeQuery (q: ListQuery): StoreQuery {
  const from = q.from === undefined ? undefined : ms(q.from)
  const to = q.to === undefined ? undefined : ms(q.to)
  if (from !== undefined && to !== undefined && from > to) throw new BadQuery('querystring/to must not be before querystring/from')
  let near: StoreQuery['near']
  if (q.near !== undefined) {
    const [lat, lon] = q.near.split(',').map(Number) as [number, number]
    if (Math.abs(lat) > 90 || Math.abs(lon) > 180) throw new BadQuery('querystring/near must be LAT,LON with LAT in -90..90 and LON in -180..180')
    near = { lat, lon, radiusKm: q.radius_km ?? 10 }
  } else if (q.radius_km !== undefined) {
    throw new BadQuery('querystring/radius_km needs querystring/near')
  }
  let after
  if (q.after !== undefined) {
    after = decodeCursor(q.after)
    if (!after) throw new BadCursor()
  }
  return { limit: q.limit, topic: q.topic, from, to, near, after }
}

const eventsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post('/events', {
    schema: {
      tags,
      summary: 'Create an event',
      description: 'Answers 201 with the event and `Location: /events/{event_id}`. Through the gateway, `created_by` must be the token\'s user.',
      body: NewEvent,
      response: { 201: Event, ...errorResponses(400, 403, 413, 415) }
    }
  }, async (request, reply) => {
    const body = request.body
    actingAs(request, body.created_by)
    const event = app.events.create({
      title: body.title,
      description: body.description,
      topic: body.topic,
      startsAt: ms(body.starts_at),
      endsAt: msOrNull(body.ends_at) ?? null,
      place: body.place,
      createdBy: body.created_by
    })
    return reply.code(201).header('location', `/events/${event.event_id}`).send(event)
  })

  app.get('/events', {
    schema: {
      tags,
      summary: 'Events by topic, time and place, in start order or nearest first',
      description:
        'Every filter is optional and they combine. `from`/`to`: events happening at some point in the range ' +
        '(an event overlapping it counts; one without `ends_at` is a moment). `near=LAT,LON` with `radius_km`: ' +
        'within that great-circle distance (edges included), nearest first, each with `distance_km`. Otherwise in ' +
        'start order. Pages of `limit` (1..100, default 20); `next` is passed as `after=` with the same filters.',
      querystring: ListQuery,
      response: { 200: EventPage, ...errorResponses(400) }
    }
  }, async (request) => {
    const page = app.events.list(storeQuery(request.query))
    return { events: page.events, next: page.next && encodeCursor(page.next) }
  })

  app.get('/events/:event_id', {
    schema: {
      tags,
      summary: 'One event',
      params: EventParams,
      response: { 200: Event, ...errorResponses(400, 404) }
    }
  }, async (request) => {
    const event = app.events.get(request.params.event_id)
    if (!event) throw new EventNotFound(request.params.event_id)
    return event
  })

  app.patch('/events/:event_id', {
    schema: {
      tags,
      summary: 'Change an event',
      description:
        'Any of the fields a creation takes, except `created_by`; `ends_at: null` removes the end. The event is ' +
        'checked whole after the change (an `ends_at` before `starts_at` is a 400, whichever of the two changed). ' +
        'Through the gateway, only its creator may change it (403).',
      params: EventParams,
      body: EventChange,
      response: { 200: Event, ...errorResponses(400, 403, 404, 413, 415) }
    }
  }, async (request) => {
    const body = request.body
    const event = app.events.update(request.params.event_id, {
      ...(body.title === undefined ? {} : { title: body.title }),
      ...(body.description === undefined ? {} : { description: body.description }),
      ...(body.topic === undefined ? {} : { topic: body.topic }),
      ...(body.starts_at === undefined ? {} : { startsAt: ms(body.starts_at) }),
      ...(body.ends_at === undefined ? {} : { endsAt: msOrNull(body.ends_at) }),
      ...(body.place === undefined ? {} : { place: body.place })
    }, (createdBy) => actingAs(request, createdBy))
    if (!event) throw new EventNotFound(request.params.event_id)
    return event
  })

  app.delete('/events/:event_id', {
    schema: {
      tags,
      summary: 'Delete an event',
      description: 'Answers 200 with the event as it was. Through the gateway, only its creator may delete it (403).',
      params: EventParams,
      response: { 200: Event, ...errorResponses(400, 403, 404) }
    }
  }, async (request) => {
    const event = app.events.delete(request.params.event_id, (createdBy) => actingAs(request, createdBy))
    if (!event) throw new EventNotFound(request.params.event_id)
    return event
  })
}

export default eventsRoutes
