// A person at a keyboard, for the app's streams: keys go in, the screen comes out as plain text
// (colour and cursor codes stripped). `waitFor` reads what was written since the last key, so an
// assertion sees the app's answer to that key, not something from before.
import { PassThrough } from 'node:stream'
import { stripVTControlCharacters } from 'node:util'

export const KEY = { enter: '\r', down: '\x1b[B', up: '\x1b[A', ctrlC: '\x03', esc: '\x1b' }

export class Screen {
  readonly input = new PassThrough()
  readonly output = Object.assign(new PassThrough(), { columns: 120, rows: 50, isTTY: false })
  private raw = ''
  private mark = 0

  constructor () {
    this.output.on('data', (chunk: Buffer) => (this.raw += chunk.toString('utf8')))
  }

  /** Everything shown so far, as text. */
  get text (): string {
    return stripVTControlCharacters(this.raw)
  }

  /** What was shown since the last key pressed. */
  get recent (): string {
    return stripVTControlCharacters(this.raw.slice(this.mark))
  }

  /** Everything written, escape codes included. */
  get rawText (): string {
    return this.raw
  }

  /** Types keys (a string types its characters); one call is one burst, as a person would type it. */
  press (...keys: string[]): void {
    this.mark = this.raw.length
    for (const k of keys) this.input.write(k)
  }

  /** Types a line and presses Enter. */
  type (line: string): void {
    this.press(line, KEY.enter)
  }

  /** Resolves once the screen, since the last key, shows `pattern`; fails with the screen after `ms`. */
  async waitFor (pattern: RegExp | string, ms = 20_000): Promise<string> {
    const deadline = Date.now() + ms
    for (;;) {
      const recent = this.recent
      if (typeof pattern === 'string' ? recent.includes(pattern) : pattern.test(recent)) return recent
      if (Date.now() > deadline) throw new Error(`the screen never showed ${pattern}; it shows:\n${this.text.slice(-3000)}`)
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
  }
}
