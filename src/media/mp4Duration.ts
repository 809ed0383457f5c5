import { open } from 'fs/promises'

/**
 * The length of an MP4 (ISO BMFF) movie from its movie header (`moov/mvhd`: duration ÷ timescale).
 * music-metadata reports the length of an MP4's audio track only, and nothing for a video without
 * sound; a video lesson is as long as its movie. Reads box headers only (seeking over `mdat`), so a
 * 500 MB upload costs a few small reads. Null when there is no usable header (e.g. a fragmented file).
 */
export const mp4MovieSeconds = async (source: Buffer | string): Promise<number | null> => {
  const handle = typeof source === 'string' ? await open(source, 'r') : null
  try {
    const size = handle ? (await handle.stat()).size : (source as Buffer).length
    const read = async (offset: number, length: number): Promise<Buffer> => {
      if (!handle) return (source as Buffer).subarray(offset, Math.min(offset + length, size))
      const buf = Buffer.alloc(Math.max(0, Math.min(length, size - offset)))
      await handle.read(buf, 0, buf.length, offset)
      return buf
    }
    const scan = async (start: number, end: number, want: string): Promise<{ start: number; size: number } | null> => {
      let o = start
      while (o + 8 <= end) {
        const head = await read(o, 16)
        if (head.length < 8) return null
        let boxSize = head.readUInt32BE(0)
        const header = boxSize === 1 ? 16 : 8
        if (boxSize === 1) boxSize = Number(head.readBigUInt64BE(8))
        if (boxSize === 0) boxSize = end - o
        if (boxSize < header) return null
        if (head.toString('latin1', 4, 8) === want) return { start: o + header, size: boxSize - header }
        o += boxSize
      }
      return null
    }
    const moov = await scan(0, size, 'moov')
    if (!moov) return null
    const mvhd = await scan(moov.start, moov.start + moov.size, 'mvhd')
    if (!mvhd) return null
    const body = await read(mvhd.start, 32)
    const version = body[0]
    const timescale = version === 1 ? body.readUInt32BE(20) : body.readUInt32BE(12)
    const duration = version === 1 ? Number(body.readBigUInt64BE(24)) : body.readUInt32BE(16)
    if (!timescale || !duration || duration === 0xffffffff) return null
    return duration / timescale
  } catch {
    return null
  } finally {
    await handle?.close()
  }
}
