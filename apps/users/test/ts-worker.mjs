// Worker threads do not inherit the TypeScript loader the tests run under (Node 20), so a
// worker starts here, registers tsx, then imports the TypeScript entry it was given.
import { workerData } from 'node:worker_threads'
import { register } from 'tsx/esm/api'

register()
await import(workerData.entry)
