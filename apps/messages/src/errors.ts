import { createError } from '@platform/kit'

// Every error this service answers with on purpose, by code; the kit turns them into JSON.
export const MessageNotFound = createError<[string]>('MESSAGES_NOT_FOUND', "message '%s' does not exist", 404)
export const MailboxRequired = createError<[]>(
  'MESSAGES_MAILBOX_REQUIRED',
  'exactly one of querystring/to (inbox) or querystring/from (outbox) is required',
  400
)
export const BadCursor = createError<[]>(
  'MESSAGES_BAD_CURSOR',
  'querystring/before is not a cursor this service issued (pass the `next` of a previous page)',
  400
)
