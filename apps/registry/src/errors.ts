import { serviceErrors } from '@platform/kit'

// Every error this service answers with on purpose; codes come out as REGISTRY_<CODE>.
const error = serviceErrors('registry')

export const InstanceNotFound = error<[string]>('INSTANCE_NOT_FOUND', 'instance %s is not registered', 404)
export const ServiceNotFound = error<[string]>('SERVICE_NOT_FOUND', 'no instance of service %s is registered', 404)
export const UrlTaken = error<[string, string]>('URL_TAKEN', '%s is registered as an instance of %s', 409)
