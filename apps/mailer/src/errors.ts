import { serviceErrors } from '@platform/kit'

// Every error this service answers with on purpose; codes come out as MAILER_<CODE>.
const error = serviceErrors('mailer')

export const BrokerUnavailable = error<[]>('BROKER_UNAVAILABLE', 'not connected to the broker; try again shortly', 503)
