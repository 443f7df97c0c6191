import { serviceErrors } from '@platform/kit'

// Every error this service answers with on purpose; codes come out as CINEMA_MOVIES_<CODE>.
const error = serviceErrors('cinema-movies')

export const MovieNotFound = error<[string]>('MOVIE_NOT_FOUND', 'movie %s does not exist', 404)
export const MovieExists = error<[string]>('MOVIE_EXISTS', 'movie %s exists already', 409)
export const BadRating = error<[string]>('BAD_RATING', '%s must have at most one decimal (7.4, not 7.45)', 400)
export const IdsWithCursor = error<[]>('IDS_WITH_CURSOR', 'querystring/before cannot be combined with movie_id (a list of ids is one page)', 400)
