import { runService } from '@platform/kit'
import { buildApp } from './app.js'
import { loadVotesConfig } from './config.js'

const config = loadVotesConfig()
const app = await buildApp(config)
await runService(app, config)
