import { serviceErrors } from '@platform/kit'

// Every error this service answers with on purpose; codes come out as CINEMA_MOVIES_<CODE>.
const error = serviceErrors('cinema-movies')

export const ItemNotFound = error<[string]>('ITEM_NOT_FOUND', 'item %s does not exist', 404)
