import { runService } from '@platform/kit'
import { buildApp, loadUsersConfig } from './app.js'

const config = loadUsersConfig()
const app = await buildApp(config)
await runService(app, config)
