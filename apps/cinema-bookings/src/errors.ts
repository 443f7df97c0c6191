import { serviceErrors } from '@platform/kit'

// Every error this service answers with on purpose; codes come out as CINEMA_BOOKINGS_<CODE>.
const error = serviceErrors('cinema-bookings')

export const UserNotFound = error<[string]>('USER_NOT_FOUND', 'no user %s', 404)
export const ShowtimeNotFound = error<[string]>('SHOWTIME_NOT_FOUND', 'no showtimes on %s', 404)
export const MovieNotShown = error<[string, string]>('MOVIE_NOT_SHOWN', 'movie %s is not shown on %s', 404)
export const BookingNotFound = error<[string, string]>('BOOKING_NOT_FOUND', '%s has no booking %s', 404)
export const AlreadyBooked = error<[string, string, string, string]>('ALREADY_BOOKED', '%s has booked movie %s on %s already (booking %s)', 409)
export const SoldOut = error<[string, string, number, number]>('SOLD_OUT', 'movie %s on %s is sold out: %s seats left, %s asked', 409)
export const UpstreamRefused = error<[string, number]>('UPSTREAM_REFUSED', '%s answered %s', 502)
