import { existsSync, readdirSync, readFileSync } from 'fs'
import path from 'path'
import { describe, expect, it } from 'vitest'

/**
 * Payload's own start-up version check is off (payload.config.ts): the SMTP and S3 adapters are
 * 3.90.1 on this registry. This is the check that replaces it, on the installed packages.
 */
const installed = (name: string) =>
  (JSON.parse(readFileSync(path.join(process.cwd(), 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version

describe('Payload package versions', () => {
  it('the core packages are exactly payload’s version; the adapters are the same minor release', () => {
    const payload = installed('payload')
    for (const name of [
      '@payloadcms/next',
      '@payloadcms/ui',
      '@payloadcms/db-postgres',
      '@payloadcms/richtext-lexical',
      '@payloadcms/translations',
      '@payloadcms/drizzle',
    ]) {
      expect(installed(name), name).toBe(payload)
    }
    const minor = payload.split('.').slice(0, 2).join('.')
    for (const name of ['@payloadcms/email-nodemailer', '@payloadcms/storage-s3', '@payloadcms/plugin-cloud-storage']) {
      expect(installed(name).split('.').slice(0, 2).join('.'), name).toBe(minor)
    }
  })

  it('no package carries a copy of its own of Payload’s admin UI (a second React context breaks the admin)', () => {
    // plugin-cloud-storage 3.90.1 brought @payloadcms/ui 3.90.1 along; its upload field then looked
    // for a provider the 3.90.2 admin had made in the other copy, and /admin/login crashed in the browser.
    const nested = readdirSync(path.join(process.cwd(), 'node_modules', '@payloadcms'))
      .flatMap((pkg) =>
        ['ui', 'translations', 'next'].map((dep) =>
          path.join(process.cwd(), 'node_modules', '@payloadcms', pkg, 'node_modules', '@payloadcms', dep),
        ),
      )
      .filter((dir) => existsSync(dir))
    expect(nested).toEqual([])
  })
})
