import { serviceErrors } from '@platform/kit'

// Every error this service answers with on purpose; codes come out as NOTIFICATIONS_<CODE>.
const error = serviceErrors('notifications')

export const NotificationNotFound = error<[string]>('NOTIFICATION_NOT_FOUND', 'notification %s does not exist', 404)
export const EventNotFound = error<[string]>('EVENT_NOT_FOUND', 'event %s does not exist', 404)
export const SendAtPast = error<[string]>('SEND_AT_PAST', '%s must be in the future', 400)
export const NotScheduled = error<[string, string]>('NOT_SCHEDULED', 'notification %s is %s: too late to change it', 409)
