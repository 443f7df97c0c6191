import { Type, type Static } from 'typebox'
import { Limit } from '@platform/kit'
import { IsoDate, MovieId, ShowDate } from '@platform/cinema'

export const Showing = Type.Object(
  {
    movie_id: MovieId,
    capacity: Type.Integer({ minimum: 1, maximum: 1000, description: 'Seats of the showing: 1 to 1000', examples: [120] })
  },
  { additionalProperties: false, title: 'Showing' }
)
export type Showing = Static<typeof Showing>

const Showings = Type.Array(Showing, { minItems: 1, maxItems: 50, description: 'The movies shown that day (1 to 50), each once' })

export const NewShowtime = Type.Object({ date: ShowDate, showings: Showings }, { additionalProperties: false, title: 'NewShowtime' })
export const ShowtimeChange = Type.Object({ showings: Showings }, { additionalProperties: false, title: 'ShowtimeChange' })

export const Showtime = Type.Object(
  { date: IsoDate, showings: Type.Array(Showing) },
  { title: 'Showtime' }
)

export const ShowtimePage = Type.Object(
  {
    showtimes: Type.Array(Showtime),
    next: Type.Union([IsoDate, Type.Null()], { description: 'Pass as `after=` for the next page; null on the last page' })
  },
  { title: 'ShowtimePage' }
)

export const ListQuery = Type.Object(
  {
    limit: Limit(20, 100),
    after: Type.Optional({ ...ShowDate, description: 'A show date: YYYYMMDD or YYYY-MM-DD; only later days are listed (the `next` of a previous page)' })
  },
  { additionalProperties: false }
)

export const DateParams = Type.Object({ date: ShowDate }, { additionalProperties: false })
