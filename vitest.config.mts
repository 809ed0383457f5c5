import path from 'path'
import { fileURLToPath } from 'url'
import { defineConfig } from 'vitest/config'

const dirname = path.dirname(fileURLToPath(import.meta.url))

export default defineConfig({
  resolve: {
    alias: {
      '@payload-config': path.resolve(dirname, 'payload.config.ts'),
      '@': path.resolve(dirname, 'src'),
    },
  },
  test: {
    environment: 'node',
    // One shared database: files run one after another.
    fileParallelism: false,
    pool: 'forks',
    hookTimeout: 180_000,
    testTimeout: 60_000,
    projects: [
      // Pure rules (grading, review transitions, study length…): no services, seconds (`npx vitest run --project unit`).
      { extends: true, test: { name: 'unit', include: ['tests/unit/**/*.test.ts'] } },
      // Against a real embedded PostgreSQL and Meilisearch, started once by the global setup.
      { extends: true, test: { name: 'int', include: ['tests/int/**/*.test.ts'], globalSetup: ['./tests/helpers/globalSetup.ts'] } },
    ],
  },
})
