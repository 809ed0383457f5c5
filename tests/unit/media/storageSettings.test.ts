import { describe, expect, it } from 'vitest'

import { s3SettingsFromEnv } from '../../../src/media/storage'

describe('S3_* (src/media/storage.ts)', () => {
  it('is off without S3_BUCKET', () => {
    expect(s3SettingsFromEnv({})).toBeNull()
  })
  it('an on-premises endpoint defaults to path-style addressing; keys are passed as credentials', () => {
    expect(
      s3SettingsFromEnv({ S3_BUCKET: 'party', S3_ENDPOINT: 'http://minio:9000', S3_ACCESS_KEY_ID: 'k', S3_SECRET_ACCESS_KEY: 's' }),
    ).toEqual({
      bucket: 'party',
      client: {
        region: 'us-east-1',
        endpoint: 'http://minio:9000',
        forcePathStyle: true,
        credentials: { accessKeyId: 'k', secretAccessKey: 's' },
      },
    })
    expect(s3SettingsFromEnv({ S3_BUCKET: 'party', S3_REGION: 'cn-north-1', S3_FORCE_PATH_STYLE: 'false' })?.client).toEqual({
      region: 'cn-north-1',
      forcePathStyle: false,
    })
  })
  it('refuses a half-set configuration at start', () => {
    expect(() => s3SettingsFromEnv({ S3_ENDPOINT: 'http://minio:9000' })).toThrow(/缺少 S3_BUCKET/)
    expect(() => s3SettingsFromEnv({ S3_BUCKET: 'party', S3_ACCESS_KEY_ID: 'k' })).toThrow(/同时设置/)
    expect(() => s3SettingsFromEnv({ S3_BUCKET: 'party', S3_FORCE_PATH_STYLE: 'yes' })).toThrow(/S3_FORCE_PATH_STYLE/)
  })
})
