import { PDFDocument } from 'pdf-lib'
import { createLocalReq, type Payload, type PayloadRequest } from 'payload'
import sharp from 'sharp'

import { idOf } from '../access/roles'
import { organizationName } from '../branch/queries'
import { poolOf } from '../db/pool'
import type { DevelopmentDocument } from '../payload-types'
import { POLITICAL_STAGE_LABELS, type PoliticalStage } from '../people/stages'
import { readStoredFile } from '../media/storage'
import { namesOfPeople } from './queries'
import { loadCase } from './service'
import { shanghaiDay } from '../dates'

type User = NonNullable<PayloadRequest['user']>

const A4 = { width: 595.28, height: 841.89 }
const escape = (s: string) => s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&#39;' })[c]!)
const cn = (iso: string) => {
  const [y, m, d] = shanghaiDay(new Date(iso)).split('-').map(Number)
  return `${y}年${m}月${d}日`
}

/** One cover page (A4 at 150 dpi) as PNG: drawn as SVG with the CJK fonts the system has (as the demo covers are), so no font is embedded in the PDF. */
const coverPage = async (title: string, lines: string[]) => {
  const W = 1240
  const H = 1754
  const text = lines.map((l, i) => `<text x="110" y="${300 + i * 46}" font-size="28">${escape(l)}</text>`).join('')
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}"><rect width="${W}" height="${H}" fill="#fff"/>
    <g font-family="Noto Sans CJK SC, Noto Serif CJK SC, sans-serif" fill="#1a1a1a">
      <text x="110" y="170" font-size="48" font-weight="700" fill="#b71c1c">${escape(title)}</text>
      <rect x="110" y="200" width="1020" height="4" fill="#b71c1c"/>${text}
      <text x="110" y="${H - 80}" font-size="22" fill="#666">智慧党建学习平台 · 发展党员档案材料（系统生成）</text>
    </g></svg>`
  return sharp(Buffer.from(svg)).png().toBuffer()
}

/**
 * 归档 (step 25): the case as one PDF — cover pages listing every step done (date, who, notes and its
 * documents with the page each starts on), then each document: a PDF's pages as they are, an image as
 * a page of its own. Only the case's readers get it (loadCase refuses the others as a 404); null then.
 */
export const caseBundle = async (payload: Payload, user: User, id: unknown): Promise<{ pdf: Uint8Array; filename: string } | null> => {
  const req = await createLocalReq({ user }, payload)
  const c = await loadCase(req, id, user).catch(() => null)
  if (!c) return null
  const steps = (
    await payload.find({
      collection: 'development-steps',
      where: { case: { equals: c.doc.id } },
      sort: 'no',
      limit: 100,
      depth: 1,
      overrideAccess: true,
    })
  ).docs
  const pool = poolOf(payload)
  const names = new Map(
    (await namesOfPeople(pool, [c.person, ...steps.map((s) => Number(idOf(s.doneBy)))])).map((r) => [Number(r.id), r.name]),
  )
  const branch = (await organizationName(pool, c.branch)) ?? ''

  // The documents first, to know their page numbers for the cover.
  const body = await PDFDocument.create()
  const starts = new Map<number, number>()
  const missing: string[] = []
  for (const s of steps)
    for (const d of (s.documents ?? []).filter((x): x is DevelopmentDocument => typeof x === 'object' && !!x)) {
      const file = await readStoredFile(payload, 'development-documents', d)
      if (!file) {
        missing.push(d.title)
        continue
      }
      starts.set(Number(d.id), body.getPageCount() + 1)
      if (d.mimeType === 'application/pdf') {
        const src = await PDFDocument.load(file, { ignoreEncryption: true })
        for (const p of await body.copyPages(src, src.getPageIndices())) body.addPage(p)
      } else {
        const image = d.mimeType === 'image/png' ? await body.embedPng(file) : await body.embedJpg(file)
        const scale = Math.min((A4.width - 60) / image.width, (A4.height - 60) / image.height, 1)
        const page = body.addPage([A4.width, A4.height])
        page.drawImage(image, {
          x: (A4.width - image.width * scale) / 2,
          y: (A4.height - image.height * scale) / 2,
          width: image.width * scale,
          height: image.height * scale,
        })
      }
    }

  const lines = [
    `姓名：${names.get(c.person) ?? ''}　　支部：${branch}`,
    `当前阶段：${POLITICAL_STAGE_LABELS[c.doc.stage as PoliticalStage]?.zh ?? c.doc.stage}　　适用规则：${c.rules.title}（${c.rules.version}）`,
    '',
    ...steps.flatMap((s) => {
      const docs = (s.documents ?? []).filter((x): x is DevelopmentDocument => typeof x === 'object' && !!x)
      return [
        `${s.no}. ${s.title}　${cn(s.date)}　${names.get(Number(idOf(s.doneBy))) ?? ''}${s.notes ? `　${s.notes.slice(0, 30)}` : ''}`,
        ...docs.map(
          (d) => `　　材料：${d.title}${starts.has(Number(d.id)) ? `（第 {PAGE${starts.get(Number(d.id))}} 页起）` : '（文件缺失）'}`,
        ),
      ]
    }),
    ...(missing.length ? ['', `缺失的文件：${missing.join('、')}`] : []),
  ]
  // 28 lines a cover page; the documents' page numbers shift by the number of cover pages.
  const PER_PAGE = 28
  const coverPages = Math.max(1, Math.ceil(lines.length / PER_PAGE))
  const pdf = await PDFDocument.create()
  pdf.setTitle(`发展档案：${names.get(c.person) ?? ''}`)
  for (let i = 0; i < coverPages; i++) {
    const chunk = lines
      .slice(i * PER_PAGE, (i + 1) * PER_PAGE)
      .map((l) => l.replace(/\{PAGE(\d+)\}/g, (_, n) => String(Number(n) + coverPages)))
    const png = await pdf.embedPng(await coverPage(i ? '发展档案材料目录（续）' : '发展档案材料目录', chunk))
    pdf.addPage([A4.width, A4.height]).drawImage(png, { x: 0, y: 0, width: A4.width, height: A4.height })
  }
  for (const p of await pdf.copyPages(body, body.getPageIndices())) pdf.addPage(p)
  return { pdf: await pdf.save(), filename: `发展档案-${names.get(c.person) ?? c.doc.id}.pdf` }
}
