/**
 * Runs one command with the embedded services of `.data/` started around it, for development:
 *   npx tsx scripts/with-services.ts npx payload migrate:create
 */
import { startLocalServices } from '../src/services'
import { childEnv, DATA_ROOT, run, say } from './lib'
import { persistentSecret } from '../src/services'
import path from 'path'

const [command, ...args] = process.argv.slice(2)
if (!command) {
  console.error('用法：tsx scripts/with-services.ts <命令> [参数…]')
  process.exit(2)
}
const services = await startLocalServices({ dataRoot: DATA_ROOT, persistent: true, log: say })
let code = 1
try {
  code = await run(command, args, {
    env: childEnv({
      ...services.env,
      PAYLOAD_SECRET: process.env.PAYLOAD_SECRET || persistentSecret(path.join(DATA_ROOT, 'payload-secret')),
    }),
  })
} finally {
  await services.stop()
}
process.exit(code)
