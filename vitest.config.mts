import path from 'path'
import { fileURLToPath } from 'url'
import { defineConfig } from 'vitest/config'

const dirname = path.dirname(fileURLToPath(import.meta.url))

const OWN_PROCESS = [
  'tests/int/db/faults.test.ts',
  'tests/int/validation/fuzz.test.ts',
  'tests/int/jobs/exclusive.test.ts',
  'tests/int/auth/rate-limits-shared.test.ts',
  'tests/int/db/read-replicas.test.ts',
  'tests/int/security/headers.test.ts',
  'tests/int/signon/signon.test.ts',
  'tests/int/mail/mail.test.ts',
  'tests/int/media/storage-s3.test.ts',
  'tests/int/backup/backup.test.ts',
]

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
    // Hang guards, not speed checks: beside Playwright on two cores a test that takes 20 s alone took
    // over 60 on CI (tests/int/search/related.test.ts, five items through three reviews).
    hookTimeout: 180_000,
    testTimeout: 180_000,
    projects: [
      // Pure rules (grading, review transitions, study length…): no services, seconds (`npx vitest run --project unit`).
      // One module graph for all files: 12 CPU-seconds instead of 37 (each file importing its own), and
      // the files run four times in npm test (the pinned moment and three edges); they pass shuffled.
      { extends: true, test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], isolate: false } },
      // Against a real embedded PostgreSQL and Meilisearch, started once by the global setup (shared by
      // both int projects). The files run one after another in one process with one Payload
      // (tests/helpers/payload.ts): importing and starting it for each file took 256 s of a 1,129 s run.
      {
        extends: true,
        test: {
          name: 'int',
          include: ['tests/int/**/*.test.ts'],
          exclude: OWN_PROCESS,
          isolate: false,
          env: { TEST_SHARED_PROCESS: '1' },
          globalSetup: ['./tests/helpers/globalSetup.ts'],
        },
      },
      // Files that set the environment Payload starts with (mail, storage, sign-on, replicas, rate-limit
      // store, search index), build a Payload of their own, or restore the database under it.
      { extends: true, test: { name: 'int-own', include: OWN_PROCESS, globalSetup: ['./tests/helpers/globalSetup.ts'] } },
    ],
  },
})
