import { serviceErrors } from '@platform/kit'

// Every error this service answers with on purpose; codes come out as CINEMA_SHOWTIMES_<CODE>.
const error = serviceErrors('cinema-showtimes')

export const ShowtimeNotFound = error<[string]>('SHOWTIME_NOT_FOUND', 'no showtimes on %s', 404)
export const ShowtimeExists = error<[string]>('SHOWTIME_EXISTS', 'the showtimes of %s exist already (PUT /cinema/showtimes/{date} changes them)', 409)
export const MovieNotFound = error<[string, string]>('MOVIE_NOT_FOUND', 'no such movie: %s (%s)', 404)
export const DuplicateMovie = error<[string]>('DUPLICATE_MOVIE', 'body/showings names movie %s more than once', 400)
export const UpstreamRefused = error<[string, number]>('UPSTREAM_REFUSED', '%s answered %s', 502)
