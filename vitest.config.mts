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
    include: ['tests/unit/**/*.test.ts', 'tests/int/**/*.test.ts'],
    globalSetup: ['./tests/helpers/globalSetup.ts'],
    // One shared database: files run one after another.
    fileParallelism: false,
    pool: 'forks',
    hookTimeout: 180_000,
    testTimeout: 60_000,
  },
})
