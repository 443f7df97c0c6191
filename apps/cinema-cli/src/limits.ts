/** Seats one booking may take: the bookings service's limit (it refuses more with a 400). */
export const MAX_SEATS = 10
