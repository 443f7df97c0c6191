import { serviceErrors } from '@platform/kit'

const error = serviceErrors('users')

// Every error this service answers with on purpose, by code; the kit turns them into JSON.
export const UserNotFound = error<[string]>('NOT_FOUND', "user '%s' does not exist", 404)
export const UsernameTaken = error<[string]>('USERNAME_TAKEN', "username '%s' is taken", 409)
export const UsernameReserved = error<[string]>('USERNAME_RESERVED', "username '%s' is reserved", 400)
export const EmailTaken = error<[string]>('EMAIL_TAKEN', "email '%s' belongs to another account", 409)
export const UserInactive = error<[string]>('INACTIVE', "user '%s' is deactivated and cannot be changed", 409)
