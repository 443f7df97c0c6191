import { Type, type Static } from 'typebox'
import { Cursor, Limit, Text, Username, Uuid } from '@platform/kit'

const Timestamp = (description: string) => Type.String({ format: 'timestamp', description, examples: ['2026-05-01T18:30:00Z'] })
const Stamp = (description: string) => Type.String({ format: 'date-time', description })

export const Topic = Type.String({
  minLength: 2,
  maxLength: 32,
  pattern: '^[a-z0-9]+(-[a-z0-9]+)*$',
  description: '2..32 lower-case letters and digits, words joined by single hyphens',
  examples: ['wordle', 'board-games']
})

const Title = Text({ maxLength: 200, description: 'A title: 1 to 200 characters, not blank' })
const Description = Text({ maxLength: 5000, description: 'A description: 1 to 5000 characters, not blank' })
const StartsAt = Timestamp('When it starts: an ISO-8601 timestamp (no zone means UTC), 2000..2099')
const EndsAt = Timestamp('When it ends, not before starts_at; null or absent: the event is a moment')

export const Place = Type.Object(
  {
    name: Text({ maxLength: 200, description: 'The place: 1 to 200 characters, not blank' }),
    lat: Type.Number({ minimum: -90, maximum: 90, description: 'Latitude in degrees (WGS 84)' }),
    lon: Type.Number({ minimum: -180, maximum: 180, description: 'Longitude in degrees (WGS 84)' })
  },
  { additionalProperties: false, title: 'Place' }
)

export const NewEvent = Type.Object(
  {
    title: Title,
    description: Description,
    topic: Topic,
    starts_at: StartsAt,
    ends_at: Type.Optional(Type.Union([EndsAt, Type.Null()])),
    place: Place,
    created_by: Username
  },
  { additionalProperties: false, title: 'NewEvent' }
)
export type NewEvent = Static<typeof NewEvent>

export const EventChange = Type.Object(
  {
    title: Type.Optional(Title),
    description: Type.Optional(Description),
    topic: Type.Optional(Topic),
    starts_at: Type.Optional(StartsAt),
    ends_at: Type.Optional(Type.Union([EndsAt, Type.Null()])),
    place: Type.Optional(Place)
  },
  { additionalProperties: false, minProperties: 1, title: 'EventChange' }
)
export type EventChange = Static<typeof EventChange>

export const Event = Type.Object(
  {
    event_id: Uuid,
    title: Type.String(),
    description: Type.String(),
    topic: Type.String(),
    starts_at: Stamp('When it starts (UTC, ms precision)'),
    ends_at: Type.Union([Stamp('When it ends (UTC)'), Type.Null()]),
    place: Type.Object({ name: Type.String(), lat: Type.Number(), lon: Type.Number() }),
    created_by: Username,
    created_at: Stamp('When it was created'),
    updated_at: Stamp('When it was last changed'),
    distance_km: Type.Optional(Type.Number({ description: 'In lists near a place: the great-circle distance from it, in km, to the millimetre' }))
  },
  { title: 'Event' }
)

export const EventPage = Type.Object(
  {
    events: Type.Array(Event),
    next: Type.Union([Cursor, Type.Null()], { description: 'Pass as `after=` (with the same filters) for the next page; null on the last page' })
  },
  { title: 'EventPage' }
)

export const ListQuery = Type.Object(
  {
    topic: Type.Optional(Topic),
    from: Type.Optional(Timestamp('Only events still going on at or after this instant')),
    to: Type.Optional(Timestamp('Only events starting at or before this instant')),
    near: Type.Optional(Type.String({
      pattern: '^-?\\d{1,3}(\\.\\d{1,12})?,-?\\d{1,3}(\\.\\d{1,12})?$',
      description: 'LAT,LON in degrees: only events within radius_km of it, nearest first',
      examples: ['48.8566,2.3522']
    })),
    radius_km: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 20_016, description: 'With near: how far, in km (default 10)' })),
    limit: Limit(20, 100),
    after: Type.Optional(Cursor)
  },
  { additionalProperties: false }
)
export type ListQuery = Static<typeof ListQuery>

export const EventParams = Type.Object({ event_id: Uuid }, { additionalProperties: false })
