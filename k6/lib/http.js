// The one way the scripts talk HTTP: JSON in and out, every request tagged with a route name
// (so metrics and thresholds group by endpoint, not by the ids in the URL).
import http from 'k6/http'
import { BASE_URL } from './config.js'
import { authorization } from './auth.js'

const ACCEPT = { Accept: 'application/json' }
// Only requests with a body say what it is: a bodyless DELETE claiming JSON is refused by
// Fastify for the empty body before routing, which is not what a test of routing wants to see.
const WITH_BODY = { ...ACCEPT, 'Content-Type': 'application/json' }

/** 2xx and 3xx are "not failed" for http_req_failed unless a request says otherwise. */
const SUCCESS = http.expectedStatuses({ min: 200, max: 399 })
/** For requests that must be refused: a 4xx is the right answer, anything else counts as failed. */
export const CLIENT_ERROR = http.expectedStatuses({ min: 400, max: 499 })
/** Exactly these statuses are right (a race: one 201, the rest 409). */
export const expectStatuses = (...statuses) => http.expectedStatuses(...statuses)

/**
 * `as`: who a write acts as (see auth.js): a username, null for no token, or by default whoever
 * the write names. Explicit `headers` win over everything (the negative suite's forged tokens).
 */
function params (method, path, body, payload, { name, expect = SUCCESS, headers = {}, timeout = '10s', compression, as } = {}) {
  return {
    headers: { ...(payload === null ? ACCEPT : WITH_BODY), ...authorization(method, path, body, as), ...headers },
    // `api`: the service, the path's first segment (k6 reserves the tag `service` for gRPC).
    tags: { name: name || `${method} ${path}`, api: path.split(/[/?]/)[1] },
    responseCallback: expect,
    timeout,
    // gzip, deflate or br: k6 compresses the body and says so in Content-Encoding.
    ...(compression ? { compression } : {})
  }
}

const serialise = (body) => (body === undefined ? null : typeof body === 'string' ? body : JSON.stringify(body))

/**
 * Sends one request. `body` is serialised unless it is already a string (negative tests send raw
 * text on purpose). `name` is the route template used as the metric tag.
 */
export function request (method, path, body, opts = {}) {
  const payload = serialise(body)
  return http.request(method, `${BASE_URL}${path}`, payload, params(method, path, body, payload, opts))
}

/**
 * Sends requests in parallel (k6's http.batch; the script's `batch` and `batchPerHost` options
 * bound how many at once): [{method, path, body, ...request options}] -> responses in order.
 */
export function batch (requests) {
  return http.batch(requests.map(({ method, path, body, ...opts }) => {
    const payload = serialise(body)
    return { method, url: `${BASE_URL}${path}`, body: payload, params: params(method, path, body, payload, opts) }
  }))
}

export const get = (path, opts) => request('GET', path, undefined, opts)
export const post = (path, body, opts) => request('POST', path, body, opts)

/** The parsed JSON body, or undefined when there is none or it is not JSON (never throws). */
export function bodyOf (res) {
  if (!res || typeof res.body !== 'string' || res.body === '') return undefined
  try {
    return JSON.parse(res.body)
  } catch {
    return undefined
  }
}

export function isJson (res) {
  return /^application\/json\b/i.test(res.headers['Content-Type'] || '')
}

export const encode = encodeURIComponent
