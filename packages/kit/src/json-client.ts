/** What a test reads off one answer: the status, the headers tests look at, the body parsed. */
export interface JsonReply {
  status: number
  type: string | null
  location: string | null
  instance: string | null
  /** Parsed when the answer says it is JSON; the text otherwise (undefined when empty). */
  body: any
}

/**
 * One request with an optional JSON body, for tests that talk to real servers (a test gateway,
 * a formation behind Traefik): the stack's `call` and the cinema's test gateway use it.
 */
export async function callJson (baseUrl: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<JsonReply> {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body)
  })
  const text = await res.text()
  const type = res.headers.get('content-type')
  return {
    status: res.status,
    type,
    location: res.headers.get('location'),
    instance: res.headers.get('x-instance'),
    body: text === '' ? undefined : /^application\/json\b/.test(type ?? '') ? JSON.parse(text) : text
  }
}
