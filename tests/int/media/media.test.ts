import { existsSync, readdirSync } from 'fs'
import path from 'path'
import sharp from 'sharp'
import { REST_POST } from '@payloadcms/next/routes'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Payload } from 'payload'

import config from '../../../payload.config'
import { demoUser, rejectsWithFieldError, rejectsWithStatus, releasePayload, testPayload, type TestUser, tokenFor, unique } from '../../helpers/payload'

let payload: Payload
let editor: TestUser
let member: TestUser
let mediaDir: string

const filesOnDisk = () => (existsSync(mediaDir) ? readdirSync(mediaDir).sort() : [])
const png = async () =>
  sharp({ create: { width: 1200, height: 800, channels: 3, background: { r: 200, g: 22, b: 29 } } })
    .png()
    .toBuffer()
const upload = (data: Buffer, name: string, mimetype: string, user: TestUser, alt?: string) =>
  payload.create({
    collection: 'media',
    data: alt === undefined ? {} : { alt },
    file: { data, name, mimetype, size: data.length },
    user,
    overrideAccess: false,
    depth: 0,
  })

beforeAll(async () => {
  payload = await testPayload()
  editor = await demoUser('editor@demo.edu.cn')
  member = await demoUser('member@demo.edu.cn')
  mediaDir = payload.collections.media.config.upload.staticDir!
  expect(mediaDir).not.toBe(path.resolve('media'))
})
afterAll(async () => {
  await releasePayload(payload)
})

describe('media uploads', () => {
  it('stores an image with its alt text and WebP thumbnail, card and hero sizes', async () => {
    const doc = await upload(await png(), `${unique('banner')}.png`, 'image/png', editor, '红色教育基地外景')
    expect(doc.mimeType).toBe('image/png')
    for (const size of ['thumbnail', 'card', 'hero'] as const) {
      const s = doc.sizes?.[size]
      expect(s?.mimeType).toBe('image/webp')
      expect(filesOnDisk()).toContain(s?.filename)
    }
    expect(doc.sizes?.thumbnail?.width).toBe(320)
    expect(filesOnDisk()).toContain(doc.filename)
  })

  it('requires alt text for images and keeps no file when it is missing', async () => {
    const before = filesOnDisk()
    await rejectsWithFieldError(upload(await png(), `${unique('noalt')}.png`, 'image/png', editor), /替代文字/)
    expect(filesOnDisk()).toEqual(before)
  })

  it('refuses an HTML page renamed to .png, judged on its bytes, and keeps no file', async () => {
    const before = filesOnDisk()
    const html = Buffer.from('<!doctype html><html><body><script>alert(1)</script></body></html>')
    const error = await rejectsWithStatus(upload(html, `${unique('fake')}.png`, 'image/png', editor, 'x'), 415)
    expect(error.message).toMatch(/无法识别文件.*真实类型/)
    expect(filesOnDisk()).toEqual(before)
  })

  it('refuses an SVG and keeps no file', async () => {
    const before = filesOnDisk()
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>')
    const error = await rejectsWithStatus(upload(svg, `${unique('logo')}.svg`, 'image/svg+xml', editor, 'x'), 415)
    expect(error.message).toMatch(/SVG/)
    expect(filesOnDisk()).toEqual(before)
  })

  it('refuses an image over the size limit with 413 and keeps no file', async () => {
    const before = filesOnDisk()
    const big = Buffer.concat([await png(), Buffer.alloc(11 * 1024 * 1024, 1)])
    const error = await rejectsWithStatus(upload(big, `${unique('huge')}.png`, 'image/png', editor, 'x'), 413)
    expect(error.message).toMatch(/超过此类文件的上限 10 MB/)
    expect(filesOnDisk()).toEqual(before)
  })

  it('does not let a member upload, and lets anyone read', async () => {
    await rejectsWithStatus(upload(await png(), `${unique('m')}.png`, 'image/png', member, 'x'), 403)
    const list = await payload.find({ collection: 'media', overrideAccess: false, limit: 1 })
    expect(list.totalDocs).toBeGreaterThan(0)
  })

  it('answers a disguised upload over REST with 415 and the reason', async () => {
    const form = new FormData()
    form.append('_payload', JSON.stringify({ alt: '伪装' }))
    form.append('file', new Blob(['<html><script>alert(1)</script></html>'], { type: 'image/jpeg' }), `${unique('rest')}.jpg`)
    const url = 'http://localhost/api/media'
    const res = await REST_POST(config)(
      new Request(url, { method: 'POST', body: form, headers: { Authorization: `JWT ${await tokenFor('editor@demo.edu.cn')}` } }),
      { params: Promise.resolve({ slug: ['media'] }) },
    )
    expect(res.status).toBe(415)
    expect(JSON.stringify(await res.json())).toContain('真实类型')
  })
})
