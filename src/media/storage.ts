import { readFile } from 'fs/promises'
import path from 'path'

import { GetObjectCommand, S3Client, type S3ClientConfig } from '@aws-sdk/client-s3'
import { getStorageFilePath } from '@payloadcms/plugin-cloud-storage/utilities'
import { s3Storage } from '@payloadcms/storage-s3'
import { createLocalReq, type Payload, type Plugin } from 'payload'

/**
 * Uploaded files on S3-compatible storage (MinIO, Ceph, a campus cloud's object storage) when
 * S3_BUCKET is set, so every instance serves the same files; on local disk (MEDIA_DIR) otherwise.
 * Downloads still go through Payload's file route (/api/<collection>/file/<name>), so its read access
 * decides who gets a file: the storage is never linked to directly (disablePayloadAccessControl off).
 */

/** Each collection's folder in the bucket: one bucket, and no two collections' files can collide. */
export const STORAGE_PREFIXES = { media: 'media', 'development-documents': 'development' } as const
type StoredCollection = keyof typeof STORAGE_PREFIXES

export type S3Settings = { bucket: string; client: S3ClientConfig }

/** S3_* from the environment: null without S3_BUCKET; a half-set configuration refuses to start. */
export const s3SettingsFromEnv = (env: Record<string, string | undefined> = process.env): S3Settings | null => {
  const bucket = env.S3_BUCKET?.trim()
  const keyId = env.S3_ACCESS_KEY_ID?.trim()
  const secret = env.S3_SECRET_ACCESS_KEY?.trim()
  if (!bucket) {
    if (env.S3_ENDPOINT || keyId || secret) throw new Error('已设置 S3_ENDPOINT 或 S3 密钥，但缺少 S3_BUCKET：请补全或全部删除')
    return null
  }
  if (Boolean(keyId) !== Boolean(secret)) throw new Error('S3_ACCESS_KEY_ID 和 S3_SECRET_ACCESS_KEY 须同时设置')
  const forcePathStyle = env.S3_FORCE_PATH_STYLE?.trim().toLowerCase()
  if (forcePathStyle && !['true', 'false', '1', '0'].includes(forcePathStyle)) throw new Error(`S3_FORCE_PATH_STYLE 只能是 true 或 false（现为 ${env.S3_FORCE_PATH_STYLE}）`)
  return {
    bucket,
    client: {
      region: env.S3_REGION?.trim() || 'us-east-1',
      ...(env.S3_ENDPOINT?.trim() ? { endpoint: env.S3_ENDPOINT.trim() } : {}),
      // On-premises servers usually answer at endpoint/bucket, not bucket.endpoint: on by default with an endpoint.
      forcePathStyle: forcePathStyle ? forcePathStyle === 'true' || forcePathStyle === '1' : Boolean(env.S3_ENDPOINT),
      ...(keyId && secret ? { credentials: { accessKeyId: keyId, secretAccessKey: secret } } : {}),
    },
  }
}

/**
 * The storage plugin, always installed: disabled without S3_BUCKET, but `alwaysInsertFields` keeps
 * the fields it adds (`prefix`, `_objectKey`) in the schema both ways, so one set of migrations
 * serves both deployments.
 */
export const mediaStorage = (settings = s3SettingsFromEnv()): Plugin =>
  s3Storage({
    enabled: settings != null,
    alwaysInsertFields: true,
    bucket: settings?.bucket ?? '',
    config: settings?.client ?? {},
    collections: Object.fromEntries(Object.entries(STORAGE_PREFIXES).map(([slug, prefix]) => [slug, { prefix }])) as Record<StoredCollection, { prefix: string }>,
  })

let client: { key: string; s3: S3Client } | undefined
const clientFor = (settings: S3Settings) => {
  const key = JSON.stringify(settings)
  if (client?.key !== key) client = { key, s3: new S3Client(settings.client) }
  return client.s3
}

/**
 * An uploaded file's bytes, for server-side work that is not a download (the 发展档案 bundle):
 * from the bucket when S3 is on, from disk otherwise. Null when the file is missing.
 */
export const readStoredFile = async (
  payload: Payload,
  collection: StoredCollection,
  doc: { id: number | string; filename?: string | null; prefix?: string | null; _objectKey?: string | null },
  settings = s3SettingsFromEnv(),
): Promise<Buffer | null> => {
  if (!doc.filename) return null
  const config = payload.collections[collection].config
  if (!settings) return readFile(path.join(String(config.upload.staticDir), doc.filename)).catch(() => null)
  const Key = await getStorageFilePath({ collection: config, collectionPrefix: STORAGE_PREFIXES[collection], doc: { id: doc.id, prefix: doc.prefix ?? undefined, _objectKey: doc._objectKey ?? undefined }, filename: doc.filename,
    // Unused when the document is given (no lookup), but the type asks for a request.
    req: await createLocalReq({}, payload),
  })
  try {
    const object = await clientFor(settings).send(new GetObjectCommand({ Bucket: settings.bucket, Key }))
    return object.Body ? Buffer.from(await object.Body.transformToByteArray()) : null
  } catch (error) {
    if ((error as { name?: string }).name === 'NoSuchKey') return null
    throw error
  }
}
