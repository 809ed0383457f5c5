import path from 'path'
import { fileURLToPath } from 'url'
import { defineConfig } from 'vitest/config'

const dirname = path.dirname(fileURLToPath(import.meta.url))

/**
 * `npm run test:faults`: the fault tests (tests/faults), each file with its own PostgreSQL,
 * Meilisearch and production app server, which it stops, restarts and kills on purpose.
 */
export default defineConfig({
  resolve: {
    alias: {
      '@payload-config': path.resolve(dirname, 'payload.config.ts'),
      '@': path.resolve(dirname, 'src'),
    },
  },
  test: {
    environment: 'node',
    include: ['tests/faults/**/*.test.ts'],
    fileParallelism: false,
    pool: 'forks',
    // The first run may have to make the production build.
    hookTimeout: 900_000,
    testTimeout: 180_000,
  },
})
