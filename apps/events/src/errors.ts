import { serviceErrors } from '@platform/kit'

// Every error this service answers with on purpose; codes come out as EVENTS_<CODE>.
const error = serviceErrors('events')

export const EventNotFound = error<[string]>('EVENT_NOT_FOUND', 'event %s does not exist', 404)
export const EndsBeforeStart = error<[]>('ENDS_BEFORE_START', 'body/ends_at must not be before starts_at', 400)
export const BadQuery = error<[string]>('BAD_QUERY', '%s', 400)
export const BadCursor = error<[]>(
  'BAD_CURSOR',
  'querystring/after is not a cursor this service issued (pass the `next` of a previous page)',
  400
)
