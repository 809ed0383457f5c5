import { mkdtempSync, readdirSync, rmSync } from 'fs'
import { tmpdir } from 'os'
import path from 'path'

import { DeleteBucketCommand, DeleteObjectCommand, GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3'
import S3rver from 's3rver'
import type { Payload, RequiredDataFromCollectionSlug } from 'payload'
import { PDFDocument } from 'pdf-lib'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

/**
 * Uploads on S3-compatible storage (src/media/storage.ts) against a real S3 server (s3rver) started
 * here. Payload's config reads S3_* when it is imported: the environment is set first, and
 * everything that imports the config is imported after. Properties: an upload (and every size sharp
 * makes) lands in the bucket under its collection's folder and not on disk; downloads go through
 * Payload's file route and its read access; the byte check still refuses a disguised file; a delete
 * removes every object; the 发展档案 bundle reads its documents from the bucket.
 */
const BUCKET = 'party-test'
const ENV_KEYS = [
  'S3_BUCKET',
  'S3_ENDPOINT',
  'S3_REGION',
  'S3_ACCESS_KEY_ID',
  'S3_SECRET_ACCESS_KEY',
  'S3_FORCE_PATH_STYLE',
  'MEDIA_DIR',
] as const
const savedEnv = Object.fromEntries(ENV_KEYS.map((k) => [k, process.env[k]]))
const dir = mkdtempSync(path.join(tmpdir(), 'party-s3-'))
const server = new S3rver({
  address: '127.0.0.1',
  port: 0,
  directory: path.join(dir, 's3'),
  silent: true,
  configureBuckets: [{ name: BUCKET }],
})
const { port } = await server.run()
Object.assign(process.env, {
  S3_BUCKET: BUCKET,
  S3_ENDPOINT: `http://127.0.0.1:${port}`,
  S3_REGION: 'us-east-1',
  S3_ACCESS_KEY_ID: 'S3RVER',
  S3_SECRET_ACCESS_KEY: 'S3RVER',
  S3_FORCE_PATH_STYLE: 'true',
  // Nothing may land here while S3 is on.
  MEDIA_DIR: path.join(dir, 'disk'),
})
const { default: config } = await import('../../../payload.config')
const { REST_GET } = await import('@payloadcms/next/routes')
const { closePayload } = await import('../../../src/db/migrate')
const { readStoredFile } = await import('../../../src/media/storage')
const { demoUser, personData, rejectsWithStatus, testPayload, tokenFor, unique } = await import('../../helpers/payload')
type TestUser = Awaited<ReturnType<typeof demoUser>>

const s3 = new S3Client({
  endpoint: `http://127.0.0.1:${port}`,
  region: 'us-east-1',
  forcePathStyle: true,
  credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
})
const keys = async (prefix: string) =>
  ((await s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: prefix }))).Contents ?? []).map((o) => o.Key!).sort()
const objectBytes = async (key: string) =>
  Buffer.from(await (await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }))).Body!.transformToByteArray())
const download = async (collection: string, filename: string, token: string) =>
  REST_GET(config)(
    new Request(`http://localhost/api/${collection}/file/${encodeURIComponent(filename)}`, { headers: { Authorization: `JWT ${token}` } }),
    {
      params: Promise.resolve({ slug: [collection, 'file', filename] }),
    },
  )

let payload: Payload
/** An upload as its owner makes it, through the Local API with access control. */
const upload = async <C extends 'media' | 'development-documents'>(
  collection: C,
  data: RequiredDataFromCollectionSlug<C>,
  bytes: Buffer,
  mimetype: string,
  name: string,
  user: TestUser,
) => payload.create({ collection, data, file: { data: bytes, mimetype, name, size: bytes.length }, user, overrideAccess: false })
const tokens: Record<string, string> = {}
let image: Buffer

beforeAll(async () => {
  payload = await testPayload()
  image = await sharp({ create: { width: 2000, height: 1200, channels: 3, background: '#b71c1c' } })
    .png()
    .toBuffer()
  const outsider = personData(unique('存储旁观者'))
  await payload.create({ collection: 'users', data: outsider })
  tokens.editor = await tokenFor('editor@demo.edu.cn')
  tokens.member = await tokenFor('member@demo.edu.cn')
  tokens.outsider = await tokenFor(outsider.email, outsider.password)
})

afterAll(async () => {
  if (payload) await closePayload(payload)
  for (const key of await keys('')) await s3.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: key }))
  await s3.send(new DeleteBucketCommand({ Bucket: BUCKET })).catch(() => {})
  s3.destroy()
  await server.close()
  rmSync(dir, { recursive: true, force: true })
  for (const k of ENV_KEYS) {
    if (savedEnv[k] === undefined) delete process.env[k]
    else process.env[k] = savedEnv[k]
  }
})

describe('media on S3-compatible storage', () => {
  it('stores an image and every size sharp makes in the bucket, serves it through access control, and deletes them all', async () => {
    const editor = await demoUser('editor@demo.edu.cn')
    const name = `${unique('s3-image')}.png`
    const doc = await upload('media', { alt: '存储测试图片' }, image, 'image/png', name, editor)
    const sizes = Object.values(doc.sizes ?? {})
      .map((s) => s?.filename)
      .filter((f): f is string => !!f)
    expect(sizes).toHaveLength(3) // thumbnail, card, hero
    const stored = await keys('media/')
    expect(stored).toEqual(expect.arrayContaining([`media/${doc.filename}`, ...sizes.map((f) => `media/${f}`)]))
    expect(await objectBytes(`media/${doc.filename}`)).toEqual(image)
    // The WebP sizes are real images of the configured width.
    const thumb = await sharp(await objectBytes(`media/${doc.sizes!.thumbnail!.filename}`)).metadata()
    expect([thumb.format, thumb.width, thumb.height]).toEqual(['webp', 320, 240])
    // Not on disk: the bucket is the only copy.
    expect(readdirSync(dir)).not.toContain('disk')
    // Its URL is Payload's file route, never the bucket.
    expect(doc.url).toMatch(new RegExp(`^/api/media/file/${doc.filename}(\\?prefix=media)?$`))

    // Content staff download it through Payload; a member may not read a file no published content uses.
    const res = await download('media', doc.filename!, tokens.editor)
    expect(res.status).toBe(200)
    expect(Buffer.from(await res.arrayBuffer())).toEqual(image)
    expect([403, 404]).toContain((await download('media', doc.filename!, tokens.member)).status)
    expect([403, 404]).toContain((await download('media', doc.sizes!.card!.filename!, tokens.member)).status)

    await payload.delete({ collection: 'media', id: doc.id, user: editor, overrideAccess: false })
    expect(await keys(`media/${name.replace(/\.png$/, '')}`)).toEqual([])
  })

  it('still checks the bytes: a script named .png is refused (415) and never reaches the bucket', async () => {
    const editor = await demoUser('editor@demo.edu.cn')
    const name = `${unique('s3-fake')}.png`
    const fake = Buffer.from('<svg onload="alert(1)"></svg> not a png')
    await rejectsWithStatus(upload('media', { alt: '伪装文件' }, fake, 'image/png', name, editor), 415)
    expect(await keys(`media/${name.replace(/\.png$/, '')}`)).toEqual([])
  })

  it('keeps development documents private: the uploader reads theirs, another member gets nothing; the archive reads it from the bucket', async () => {
    const member = await demoUser('member@demo.edu.cn')
    const letter = await PDFDocument.create()
    letter.addPage([595, 842])
    const pdf = Buffer.from(await letter.save())
    const name = `${unique('s3-doc')}.pdf`
    const doc = await upload('development-documents', { title: '入党申请书（存储测试）' }, pdf, 'application/pdf', name, member)
    expect(await keys('development/')).toContain(`development/${doc.filename}`)
    // Not in the media folder, where the media library's route could find it.
    expect(await keys(`media/${doc.filename}`)).toEqual([])
    const own = await download('development-documents', doc.filename!, tokens.member)
    expect(own.status).toBe(200)
    expect(Buffer.from(await own.arrayBuffer())).toEqual(pdf)
    expect([403, 404]).toContain((await download('development-documents', doc.filename!, tokens.outsider)).status)
    // Nor through the media library's route.
    expect([403, 404]).toContain((await download('media', doc.filename!, tokens.outsider)).status)
    expect(await readStoredFile(payload, 'development-documents', doc)).toEqual(pdf)
  })
})
