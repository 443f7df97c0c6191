/**
 * Great-circle geometry on a sphere of the Earth's mean radius (IUGG, 6371.0088 km): the
 * distance between two places, and the latitude/longitude boxes that hold every place within
 * a distance (what the R*Tree is asked for before the exact distance decides).
 */
export const EARTH_RADIUS_KM = 6371.0088

const RAD = Math.PI / 180
const DEG = 180 / Math.PI

/** Haversine distance in km; accurate for small and antipodal distances alike. */
export function distanceKm (lat1: number, lon1: number, lat2: number, lon2: number): number {
  const dLat = (lat2 - lat1) * RAD
  const dLon = (lon2 - lon1) * RAD
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * Math.sin(dLon / 2) ** 2
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)))
}

/** The place `km` away from (lat, lon) on the initial bearing `bearingDeg` (0 = north). */
export function destination (lat: number, lon: number, bearingDeg: number, km: number): { lat: number, lon: number } {
  const d = km / EARTH_RADIUS_KM
  const phi = lat * RAD
  const theta = bearingDeg * RAD
  const phi2 = Math.asin(Math.sin(phi) * Math.cos(d) + Math.cos(phi) * Math.sin(d) * Math.cos(theta))
  const lambda = lon * RAD + Math.atan2(Math.sin(theta) * Math.sin(d) * Math.cos(phi), Math.cos(d) - Math.sin(phi) * Math.sin(phi2))
  const lon2 = ((lambda * DEG + 540) % 360) - 180
  return { lat: phi2 * DEG, lon: lon2 === -180 ? 180 : lon2 }
}

export interface Box {
  latMin: number
  latMax: number
  lonMin: number
  lonMax: number
}

/**
 * Boxes (degrees) that together hold the whole spherical cap of radius `km` around (lat, lon).
 * The latitude span is exact; the longitude span is the cap's widest, asin(sin d / cos lat),
 * reached north or south of the centre's latitude (a box of d / cos lat at the centre's
 * latitude would cut off the cap's edge at high latitudes). A cap over a pole spans every
 * longitude; one across the 180th meridian is two boxes.
 */
export function capBoxes (lat: number, lon: number, km: number): Box[] {
  const d = km / EARTH_RADIUS_KM
  const latMin = lat - d * DEG
  const latMax = lat + d * DEG
  if (latMin <= -90 || latMax >= 90 || d >= Math.PI / 2) {
    return [{ latMin: Math.max(-90, latMin), latMax: Math.min(90, latMax), lonMin: -180, lonMax: 180 }]
  }
  const ratio = Math.sin(d) / Math.cos(lat * RAD)
  if (ratio >= 1) return [{ latMin, latMax, lonMin: -180, lonMax: 180 }]
  const dLon = Math.asin(ratio) * DEG
  const lonMin = lon - dLon
  const lonMax = lon + dLon
  if (lonMin < -180) return [{ latMin, latMax, lonMin: lonMin + 360, lonMax: 180 }, { latMin, latMax, lonMin: -180, lonMax }]
  if (lonMax > 180) return [{ latMin, latMax, lonMin, lonMax: 180 }, { latMin, latMax, lonMin: -180, lonMax: lonMax - 360 }]
  return [{ latMin, latMax, lonMin, lonMax }]
}

/** Degrees as the R*Tree stores them: integer microdegrees. */
export const micro = (deg: number) => Math.round(deg * 1e6)
