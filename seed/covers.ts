/**
 * Demo covers and pictures drawn at seed time (issue 14 §7): an SVG design — a colour field for the
 * item's theme, a motif, the item's title in Noto Serif CJK (Debian's fonts-noto-cjk) and what kind
 * of item it is — rendered to WebP with sharp. No Party or national emblem (their use has its own
 * rules), no photographs pretending to be real: every picture says it is a generated demo.
 */
import sharp from 'sharp'

export const COVER_WIDTH = 1200
export const COVER_HEIGHT = 675

const PALETTES: Record<string, [string, string, string]> = {
  // [deep, light, accent]
  'party-history': ['#8e1212', '#d32f2f', '#ffd54f'],
  'prc-history': ['#a31515', '#e65100', '#ffe082'],
  'reform-history': ['#7b1f3a', '#e53935', '#ffcc80'],
  'socialism-history': ['#6d0f0f', '#c62828', '#ffd180'],
  'two-studies-one-action': ['#8c2a00', '#ef6c00', '#fff3c4'],
  'three-meetings-one-lesson': ['#6a1b3a', '#c2185b', '#ffe0b2'],
  'xi-thought': ['#9a0007', '#e53935', '#ffd54f'],
  'party-constitution': ['#7f0000', '#bf360c', '#ffecb3'],
  integrity: ['#3e2723', '#8d2b1e', '#e6c48a'],
  'teacher-ethics': ['#4e342e', '#a1431a', '#ffe0a3'],
  'red-culture': ['#b00020', '#ff6f00', '#ffe57f'],
}

export type Motif = 'rays' | 'mountains' | 'wall' | 'book' | 'waves' | 'columns' | 'lanterns'

/** The motif a theme's covers carry, so covers of one theme look related. */
export const MOTIF_BY_THEME: Record<string, Motif> = {
  'party-history': 'mountains',
  'prc-history': 'rays',
  'reform-history': 'waves',
  'socialism-history': 'wall',
  'two-studies-one-action': 'book',
  'three-meetings-one-lesson': 'columns',
  'xi-thought': 'rays',
  'party-constitution': 'book',
  integrity: 'lanterns',
  'teacher-ethics': 'book',
  'red-culture': 'mountains',
}

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

/** Title lines for a width in ems: CJK and full-width punctuation count one, Latin and digits about half. */
export const wrapTitle = (title: string, emsPerLine: number, maxLines: number): string[] => {
  const lines: string[] = []
  let line = ''
  let width = 0
  const chars = [...title]
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]
    const w = /[\u0000-\u00ff]/.test(c) ? 0.56 : 1
    // Closing punctuation stays on its line rather than opening the next one.
    if (width + w > emsPerLine && !/[，。、：；！？）》”’」』]/.test(c)) {
      lines.push(line)
      line = ''
      width = 0
      if (lines.length === maxLines) break
    }
    line += c
    width += w
  }
  if (lines.length < maxLines && line) lines.push(line)
  const used = lines.join('').length
  if (used < title.length && lines.length) lines[lines.length - 1] = `${[...lines[lines.length - 1]].slice(0, -1).join('')}…`
  return lines
}

const motif = (m: Motif, accent: string, light: string) => {
  const W = COVER_WIDTH
  const H = COVER_HEIGHT
  switch (m) {
    case 'rays': {
      const rays = Array.from({ length: 14 }, (_, i) => {
        const a = (Math.PI * (i + 0.5)) / 14
        const x = W - 160 + Math.cos(a) * 1400
        const y = H + 40 - Math.sin(a) * 1400
        return `<polygon points="${W - 160},${H + 40} ${x.toFixed(0)},${y.toFixed(0)} ${(x + 90).toFixed(0)},${(y + 40).toFixed(0)}" fill="${accent}" opacity="${i % 2 ? 0.06 : 0.12}"/>`
      }).join('')
      return `${rays}<circle cx="${W - 160}" cy="${H + 40}" r="190" fill="${accent}" opacity="0.85"/>`
    }
    case 'mountains':
      return `<circle cx="${W - 230}" cy="360" r="80" fill="${accent}" opacity="0.9"/>
        <path d="M0 ${H} L0 470 L180 360 L320 450 L520 290 L700 430 L860 330 L1040 450 L${W} 380 L${W} ${H} Z" fill="${light}" opacity="0.45"/>
        <path d="M0 ${H} L0 540 L220 440 L400 520 L620 400 L820 520 L1000 450 L${W} 520 L${W} ${H} Z" fill="#000" opacity="0.18"/>`
    case 'wall': {
      let d = `M0 ${H} L0 520`
      for (let x = 0; x < W; x += 80) d += ` L${x} 500 L${x + 40} 500 L${x + 40} 520 L${x + 80} 520`
      return `<circle cx="${W - 220}" cy="400" r="86" fill="${accent}" opacity="0.85"/>
        <path d="M0 470 Q300 420 600 460 T${W} 440 L${W} ${H} L0 ${H} Z" fill="${light}" opacity="0.35"/>
        <path d="${d} L${W} 520 L${W} ${H} Z" fill="#000" opacity="0.2"/>`
    }
    case 'book':
      return `<g transform="translate(${W - 420} 330)" opacity="0.9">
          <path d="M0 40 Q140 -10 280 40 L280 250 Q140 200 0 250 Z" fill="${accent}" opacity="0.85"/>
          <path d="M280 40 Q140 -10 0 40" fill="none" stroke="#fff" stroke-width="4" opacity="0.6"/>
          <line x1="140" y1="16" x2="140" y2="226" stroke="${light}" stroke-width="6"/>
          ${[80, 120, 160].map((y) => `<line x1="30" y1="${y}" x2="115" y2="${y - 10}" stroke="${light}" stroke-width="5" opacity="0.7"/><line x1="165" y1="${y - 10}" x2="250" y2="${y}" stroke="${light}" stroke-width="5" opacity="0.7"/>`).join('')}
        </g>`
    case 'waves':
      return [0, 1, 2, 3]
        .map(
          (i) =>
            `<path d="M0 ${430 + i * 55} C300 ${370 + i * 55} 600 ${500 + i * 55} ${W} ${420 + i * 55}" fill="none" stroke="${i % 2 ? light : accent}" stroke-width="${18 - i * 3}" opacity="${0.55 - i * 0.1}"/>`,
        )
        .join('')
    case 'columns':
      return `<g opacity="0.35" fill="${accent}">${[0, 1, 2, 3, 4, 5]
        .map((i) => `<rect x="${W - 560 + i * 90}" y="300" width="44" height="300" rx="6"/>`)
        .join(
          '',
        )}<rect x="${W - 600}" y="260" width="560" height="30" rx="6"/><rect x="${W - 620}" y="600" width="600" height="26" rx="6"/></g>`
    case 'lanterns':
      return [0, 1, 2]
        .map(
          (i) => `<g transform="translate(${W - 420 + i * 140} ${400 + (i % 2) * 50})">
            <line x1="0" y1="-150" x2="0" y2="0" stroke="${accent}" stroke-width="3" opacity="0.7"/>
            <ellipse cx="0" cy="60" rx="55" ry="66" fill="${accent}" opacity="0.75"/>
            <rect x="-26" y="-8" width="52" height="14" rx="4" fill="${light}"/><rect x="-26" y="120" width="52" height="14" rx="4" fill="${light}"/>
          </g>`,
        )
        .join('')
  }
}

/** The SVG of a cover: colour field, motif, a kind label, the title, and the demo mark. */
export const coverSvg = ({ title, label, theme, motif: m }: { title: string; label: string; theme: string; motif?: Motif }): string => {
  const [deep, light, accent] = PALETTES[theme] ?? PALETTES['red-culture']
  const lines = wrapTitle(title, 13, 3)
  const size = lines.length > 2 ? 60 : 68
  const top = 250 - (lines.length - 1) * (size * 0.6)
  const text = lines
    .map(
      (l, i) =>
        `<text x="80" y="${(top + i * size * 1.3).toFixed(0)}" font-size="${size}" font-weight="700" fill="#fff">${escape(l)}</text>`,
    )
    .join('')
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${COVER_WIDTH}" height="${COVER_HEIGHT}" viewBox="0 0 ${COVER_WIDTH} ${COVER_HEIGHT}">
  <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${deep}"/><stop offset="1" stop-color="${light}"/></linearGradient></defs>
  <rect width="${COVER_WIDTH}" height="${COVER_HEIGHT}" fill="url(#g)"/>
  ${motif(m ?? MOTIF_BY_THEME[theme] ?? 'rays', accent, light)}
  <g font-family="Noto Serif CJK SC, Noto Sans CJK SC, serif">
    <rect x="80" y="70" width="${Math.max(3, [...label].length) * 30 + 40}" height="52" rx="26" fill="${accent}"/>
    <text x="100" y="106" font-size="30" font-weight="700" fill="${deep}">${escape(label)}</text>
    ${text}
    <rect x="80" y="${COVER_HEIGHT - 92}" width="120" height="6" fill="${accent}"/>
    <text x="80" y="${COVER_HEIGHT - 48}" font-size="26" fill="#fff" opacity="0.85">智慧党建学习平台 · 演示封面（系统生成）</text>
  </g>
</svg>`
}

/**
 * A cover as the uploaded original: drawn at 1200×675 and rasterised at 960×540 as JPEG (the media
 * library then makes its WebP thumbnail, card and hero sizes from it). JPEG because encoding it is
 * several times faster than WebP here, and the seed draws about a hundred of these.
 */
const rasterise = (svg: string) =>
  sharp(Buffer.from(svg.replace(`width="${COVER_WIDTH}" height="${COVER_HEIGHT}"`, `width="${OUT_WIDTH}" height="${OUT_HEIGHT}"`)))
    .jpeg({ quality: 85 })
    .toBuffer()
const OUT_WIDTH = 960
const OUT_HEIGHT = 540

export const renderCover = (options: Parameters<typeof coverSvg>[0]): Promise<Buffer> => rasterise(coverSvg(options))

/**
 * The picture of an 图片 red resource: a generated illustration of the subject's title, clearly
 * marked as not the original work (the platform holds no licence for the originals).
 */
export const renderIllustration = (title: string, theme: string): Promise<Buffer> =>
  rasterise(
    coverSvg({ title, theme, label: '示意图 · 非原作', motif: 'rays' }).replace(
      '演示封面（系统生成）',
      '系统生成的示意图，不是原作或历史照片',
    ),
  )
