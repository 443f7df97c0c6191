import { serviceErrors } from '@platform/kit'

// Every error this service answers with on purpose; codes come out as __CODE___<CODE>.
const error = serviceErrors('__name__')

export const ItemNotFound = error<[string]>('ITEM_NOT_FOUND', 'item %s does not exist', 404)
