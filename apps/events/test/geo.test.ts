import { test } from 'tap'
import { capBoxes, destination, distanceKm, EARTH_RADIUS_KM } from '../src/geo.js'

const inBoxes = (boxes: ReturnType<typeof capBoxes>, lat: number, lon: number) =>
  boxes.some((b) => lat >= b.latMin && lat <= b.latMax && lon >= b.lonMin && lon <= b.lonMax)

test('distanceKm › known distances on the mean-radius sphere', async (t) => {
  t.equal(Math.round(distanceKm(48.8566, 2.3522, 51.5074, -0.1278)), 344, 'Paris to London')
  t.equal(Math.round(distanceKm(40.7128, -74.006, 35.6762, 139.6503)), 10_852, 'New York to Tokyo (on the sphere)')
  t.equal(distanceKm(10, 20, 10, 20), 0)
  t.ok(Math.abs(distanceKm(0, 0, 0, 180) - Math.PI * EARTH_RADIUS_KM) < 1e-6, 'antipodes: half the circumference')
  t.ok(Math.abs(distanceKm(0, 179.5, 0, -179.5) - distanceKm(0, 0, 0, 1)) < 1e-9, 'across the 180th meridian')
})

test('destination › lands at the distance asked, whatever the bearing and latitude', async (t) => {
  for (const lat of [0, 45, -60, 80, 89.9]) {
    for (const bearing of [0, 37, 90, 180, 271]) {
      const p = destination(lat, 10, bearing, 123.456)
      t.ok(Math.abs(distanceKm(lat, 10, p.lat, p.lon) - 123.456) < 1e-6, `lat ${lat} bearing ${bearing}`)
    }
  }
})

test('capBoxes › hold every point of the circle, at high latitudes and across the 180th meridian too', async (t) => {
  const centres: [number, number][] = [[0, 0], [48.85, 2.35], [-33.9, 151.2], [70, 25], [85, -40], [89.5, 0], [-89.9, 100], [10, 179.95], [-20, -179.99], [64.1, -21.9]]
  for (const [lat, lon] of centres) {
    for (const km of [0.5, 25, 400, 3000]) {
      const boxes = capBoxes(lat, lon, km)
      let outside = 0
      for (let bearing = 0; bearing < 360; bearing += 1) {
        const p = destination(lat, lon, bearing, km * (1 - 1e-9))
        if (!inBoxes(boxes, p.lat, p.lon)) outside++
      }
      t.equal(outside, 0, `(${lat}, ${lon}) within ${km} km`)
    }
  }
})

test('capBoxes › are tight: they reach exactly the widest longitude of the circle', async (t) => {
  // At 70°N, a 100 km circle's widest longitude is reached north of the centre, and the box
  // reaches exactly that far (not d / cos(lat), which is narrower, nor a generous guess).
  const [box] = capBoxes(70, 25, 100)
  const widest = Math.max(...Array.from({ length: 3600 }, (_, i) => destination(70, 25, i / 10, 100).lon))
  t.ok(Math.abs(box!.lonMax - widest) < 1e-3, `lonMax ${box!.lonMax} vs widest point ${widest}`)
  t.ok(box!.lonMax - 25 > (100 / EARTH_RADIUS_KM) * (180 / Math.PI) / Math.cos((70 * Math.PI) / 180), 'wider than d / cos(lat)')
})
