import { serviceErrors } from '@platform/kit'

const error = serviceErrors('messages')

// Every error this service answers with on purpose, by code; the kit turns them into JSON.
export const MessageNotFound = error<[string]>('NOT_FOUND', "message '%s' does not exist", 404)
export const MailboxRequired = error<[]>('MAILBOX_REQUIRED',
  'exactly one of querystring/to (inbox) or querystring/from (outbox) is required',
  400
)
