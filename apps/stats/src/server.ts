import { runService } from '@platform/kit'
import { buildApp } from './app.js'
import { loadStatsConfig } from './config.js'

const config = loadStatsConfig()
const app = await buildApp(config)
await runService(app, config)
