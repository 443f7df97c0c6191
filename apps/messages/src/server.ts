import { runService } from '@platform/kit'
import { buildApp, loadMessagesConfig } from './app.js'

const config = loadMessagesConfig()
const app = await buildApp(config)
await runService(app, config)
