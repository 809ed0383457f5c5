/**
 * Demo video and audio of a stated length, made in plain TypeScript at seed time (no ffmpeg): the
 * 12-second clips in seed/assets/ stretched, so a lesson's real length — and so its 学时 — is the
 * length it states. Tests use them too.
 *
 *  - Audio: the clip's (unpadded) MP3 frames (a tone, 32 kbit/s) repeated. MPEG audio is a plain sequence of
 *    frames, so repeated frames are a valid, longer file (the clip's leading ID3 tag and Xing/Info
 *    frame, which would state the old length, are left out). About 240 KB a minute.
 *  - Video: the clip's MP4 with each of its 122 frames shown longer: the video track's sample
 *    durations (stts) and the movie, track, media and edit-list durations are rescaled, and the
 *    audio track is turned into a `free` box (so no offset moves). A still colour card, 50 KB
 *    whatever the length.
 * Both are read back with music-metadata (tests/int/media/media.test.ts) and play in Chromium (e2e).
 */
import { readFileSync } from 'fs'
import path from 'path'
import { fileURLToPath } from 'url'

const assets = path.join(path.dirname(fileURLToPath(import.meta.url)), 'assets')

const MP3_BITRATES_V1_L3 = [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320]
const MP3_RATES_V1 = [44100, 48000, 32000]

type Frame = { start: number; length: number }

/** The audio frames of an MPEG-1 Layer III file, without its ID3v2 tag and Xing/Info header frame. */
const mp3Frames = (buf: Buffer): { frames: Frame[]; sampleRate: number } => {
  let o = 0
  if (buf.toString('latin1', 0, 3) === 'ID3') {
    const size = ((buf[6] & 0x7f) << 21) | ((buf[7] & 0x7f) << 14) | ((buf[8] & 0x7f) << 7) | (buf[9] & 0x7f)
    o = 10 + size
  }
  const frames: Frame[] = []
  let sampleRate = 0
  while (o + 4 <= buf.length) {
    if (buf[o] !== 0xff || (buf[o + 1] & 0xfe) !== 0xfa) {
      o++
      continue
    }
    const bitrate = MP3_BITRATES_V1_L3[buf[o + 2] >> 4]
    const rate = MP3_RATES_V1[(buf[o + 2] >> 2) & 3]
    if (!bitrate || !rate) {
      o++
      continue
    }
    sampleRate = rate
    const length = Math.floor((144 * bitrate * 1000) / rate) + ((buf[o + 2] >> 1) & 1)
    if (o + length > buf.length) break
    const body = buf.toString('latin1', o + 4, o + Math.min(length, 64))
    const header = body.includes('Xing') || body.includes('Info')
    // Unpadded 32 kbit/s frames only: all the same size, so a reader that measures a constant-bitrate
    // file by its size (music-metadata does) gets the exact length.
    if (!header && bitrate === 32 && !((buf[o + 2] >> 1) & 1)) frames.push({ start: o, length })
    o += length
  }
  return { frames, sampleRate }
}

/** An MP3 of `seconds` (to the frame, 26 ms): the demo clip's frames repeated. */
export const demoMp3 = (seconds: number): Buffer => {
  const src = readFileSync(path.join(assets, 'demo-lesson.mp3'))
  const { frames, sampleRate } = mp3Frames(src)
  const count = Math.max(1, Math.round((seconds * sampleRate) / 1152))
  const parts: Buffer[] = []
  for (let i = 0; i < count; i++) {
    const f = frames[i % frames.length]
    parts.push(src.subarray(f.start, f.start + f.length))
  }
  return Buffer.concat(parts)
}

const CONTAINERS = new Set(['moov', 'trak', 'mdia', 'minf', 'stbl', 'edts'])

type Box = { type: string; start: number; size: number; children: Box[] }

const boxes = (buf: Buffer, start: number, end: number): Box[] => {
  const out: Box[] = []
  let o = start
  while (o + 8 <= end) {
    const size = buf.readUInt32BE(o)
    const type = buf.toString('latin1', o + 4, o + 8)
    if (size < 8) break
    out.push({ type, start: o, size, children: CONTAINERS.has(type) ? boxes(buf, o + 8, o + size) : [] })
    o += size
  }
  return out
}

const find = (list: Box[], ...route: string[]): Box | undefined => {
  let here: Box | undefined
  let level = list
  for (const t of route) {
    here = level.find((b) => b.type === t)
    if (!here) return undefined
    level = here.children
  }
  return here
}

/** An MP4 of `seconds` (to about 10 ms): the demo clip's colour card with each frame shown longer, no sound. */
export const demoMp4 = (seconds: number): Buffer => {
  const buf = Buffer.from(readFileSync(path.join(assets, 'demo-lesson.mp4')))
  const top = boxes(buf, 0, buf.length)
  const moov = find(top, 'moov')!
  const handler = (trak: Box) => {
    const hdlr = find(trak.children, 'mdia', 'hdlr')!
    return buf.toString('latin1', hdlr.start + 16, hdlr.start + 20)
  }
  const traks = moov.children.filter((b) => b.type === 'trak')
  const video = traks.find((t) => handler(t) === 'vide')
  if (!video) throw new Error('demo-lesson.mp4 has no video track')
  // Only version-0 boxes and a one-entry stts are expected (the committed clip); refuse anything else.
  const v0 = (b: Box | undefined) => {
    if (!b || buf[b.start + 8] !== 0) throw new Error('demo-lesson.mp4: unexpected box layout')
    return b
  }
  const mvhd = v0(find(moov.children, 'mvhd'))
  const movieScale = buf.readUInt32BE(mvhd.start + 20)
  const movieDuration = Math.round(seconds * movieScale)
  buf.writeUInt32BE(movieDuration, mvhd.start + 24)
  buf.writeUInt32BE(movieDuration, v0(find(video.children, 'tkhd')).start + 28)
  const elst = find(video.children, 'edts', 'elst')
  if (elst) buf.writeUInt32BE(movieDuration, v0(elst).start + 16)
  const mdhd = v0(find(video.children, 'mdia', 'mdhd'))
  const mediaScale = buf.readUInt32BE(mdhd.start + 20)
  const stts = v0(find(video.children, 'mdia', 'minf', 'stbl', 'stts'))
  if (buf.readUInt32BE(stts.start + 12) !== 1) throw new Error('demo-lesson.mp4: expected one stts entry')
  const samples = buf.readUInt32BE(stts.start + 16)
  const delta = Math.max(1, Math.round((seconds * mediaScale) / samples))
  buf.writeUInt32BE(delta, stts.start + 20)
  buf.writeUInt32BE(delta * samples, mdhd.start + 24)
  // The other tracks (the tone) become free space: nothing after them moves, so chunk offsets stay right.
  for (const t of traks) if (t !== video) buf.write('free', t.start + 4, 'latin1')
  return buf
}
