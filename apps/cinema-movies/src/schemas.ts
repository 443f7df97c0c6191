import { Type, type Static } from 'typebox'
import { Cursor, Limit, Text } from '@platform/kit'
import { MovieId } from '@platform/cinema'

const Title = Text({ maxLength: 200, description: 'A title: 1 to 200 characters, not blank', examples: ['The Martian'] })
const Director = Text({ maxLength: 100, description: 'A director: 1 to 100 characters, not blank', examples: ['Ridley Scott'] })
const Rating = Type.Number({ minimum: 0, maximum: 10, description: 'From 0 to 10, at most one decimal', examples: [8.2] })
const CreatedAt = Type.String({ format: 'date-time', description: 'When it was added (UTC, ms precision)' })

export const NewMovie = Type.Object(
  {
    // Optional: an imported catalogue keeps its ids; the service makes one when absent.
    movie_id: Type.Optional(MovieId),
    title: Title,
    director: Director,
    rating: Rating
  },
  { additionalProperties: false, title: 'NewMovie' }
)
export type NewMovie = Static<typeof NewMovie>

export const MovieChange = Type.Object(
  { title: Type.Optional(Title), director: Type.Optional(Director), rating: Type.Optional(Rating) },
  { additionalProperties: false, minProperties: 1, title: 'MovieChange', description: 'The fields to change; at least one' }
)
export type MovieChange = Static<typeof MovieChange>

export const Movie = Type.Object(
  { movie_id: MovieId, title: Type.String(), director: Type.String(), rating: Type.Number(), created_at: CreatedAt },
  { title: 'Movie' }
)

export const MoviePage = Type.Object(
  {
    movies: Type.Array(Movie),
    next: Type.Union([Cursor, Type.Null()], { description: 'Pass as `before=` for the next page; null on the last page' })
  },
  { title: 'MoviePage' }
)

export const ListQuery = Type.Object(
  {
    limit: Limit(20, 100),
    before: Type.Optional(Cursor),
    movie_id: Type.Optional(Type.Array(MovieId, {
      minItems: 1,
      maxItems: 100,
      description: 'Only these movies (repeat the parameter, at most 100): the ones that exist, in the order asked; `limit` does not apply'
    }))
  },
  { additionalProperties: false }
)

export const MovieParams = Type.Object({ movie_id: MovieId }, { additionalProperties: false })
