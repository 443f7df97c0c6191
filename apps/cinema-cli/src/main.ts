#!/usr/bin/env node
// The cinema app: `cinema` alone is the interactive menu, `cinema <command>` a command for scripts.
import { CinemaClient } from './client.js'
import { runCommand } from './commands.js'
import { runMenu } from './menu.js'
import { colorsFor } from './render.js'

const gatewayUrl = (process.env.GATEWAY_URL || 'http://127.0.0.1:9999').replace(/\/+$/, '')
const client = new CinemaClient(gatewayUrl)
const args = process.argv.slice(2)

try {
  if (args.length === 0) {
    await runMenu(client, { input: process.stdin, output: process.stdout }, colorsFor(process.stdout))
    process.exitCode = 0
  } else {
    process.exitCode = await runCommand(args, client, { stdout: process.stdout, stderr: process.stderr, colors: colorsFor(process.stdout), env: process.env })
  }
} catch (err) {
  // Whatever happens, a person sees a sentence, not a stack trace.
  process.stderr.write(`cinema: ${(err as Error)?.message ?? String(err)}\n`)
  process.exitCode = 3
}
// A prompt library may leave stdin referenced; the work is done.
process.stdin.unref?.()
