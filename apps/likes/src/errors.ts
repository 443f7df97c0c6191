import { serviceErrors } from '@platform/kit'

// Every error this service answers with on purpose; codes come out as LIKES_<CODE>.
const error = serviceErrors('likes')

export const ItemNotFound = error<[string]>('ITEM_NOT_FOUND', 'item %s does not exist', 404)
