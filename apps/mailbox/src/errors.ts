import { serviceErrors } from '@platform/kit'

// Every error this service answers with on purpose; codes come out as MAILBOX_<CODE>.
const error = serviceErrors('mailbox')

export const MessageNotFound = error<[string]>('MESSAGE_NOT_FOUND', 'message %s is not in the mailbox', 404)
