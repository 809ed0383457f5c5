import { createHash } from 'crypto'
import type { Payload } from 'payload'

import { SKIP_AUDIT } from '../src/audit/hooks'
import { blocksToLexical } from '../src/content/lexical'
import { REVIEW_TRANSITION, type ReviewedCollection } from '../src/workflow/config'
import { reviewAs } from '../src/workflow/review'
import { COURSES } from './content/courses'
import { NEWS } from './content/news'
import { HISTORY_QUESTIONS } from './content/questionsHistory'
import { THEORY_QUESTIONS } from './content/questionsTheory'
import { RED_RESOURCES } from './content/redResources'
import type { ThemeSlug } from './content/types'
import { NEWS_COLUMNS } from '../collections/News'
import { RED_RESOURCE_KINDS } from '../collections/RedResources'
import { renderCover, renderIllustration } from './covers'
import { demoMp3, demoMp4 } from './media'
import { QUESTIONS } from './questions'
import { THEMES } from './themes'

const DAY = 24 * 60 * 60 * 1000

/** The whole question bank: the starter questions plus the two themed sets. */
export const QUESTION_BANK = [...QUESTIONS, ...HISTORY_QUESTIONS, ...THEORY_QUESTIONS]

type Tally = (kind: 'created' | 'skipped', collection: string) => void
type User = NonNullable<Parameters<typeof reviewAs>[1]>

/**
 * The seed writes published content directly, as the review service would (the flag below is the
 * service's own); items meant to sit in a queue go through the real transitions instead.
 */
const SYSTEM = { [REVIEW_TRANSITION]: true, [SKIP_AUDIT]: true }

const THEME_NAMES = new Map<string, string>(THEMES.map((t) => [t.slug, t.name]))
const COLUMN_NAMES = new Map(NEWS_COLUMNS.map((c) => [c.value, c.label.zh]))
const KIND_NAMES = new Map(RED_RESOURCE_KINDS.map((k) => [k.value, k.label.zh]))
const LESSON_KINDS: Record<string, string> = { video: '视频微党课', audio: '音频微党课', article: '图文微党课' }

/** A cover's label: what the item is, and its first theme. */
const labelOf = (kind: string, theme?: string) => [kind, theme ? THEME_NAMES.get(theme) : undefined].filter(Boolean).join(' · ')

export const seedContent = async (
  payload: Payload,
  themeIds: Map<string, number>,
  tally: Tally,
  now = Date.now(),
  log: (m: string) => void = () => {},
) => {
  const themes = (slugs: ThemeSlug[]) => slugs.map((s) => themeIds.get(s)).filter((v): v is number => v !== undefined)
  const userByEmail = async (email: string) => {
    const { docs } = await payload.find({ collection: 'users', where: { email: { equals: email } }, depth: 0, limit: 1 })
    return { ...docs[0], collection: 'users' } as User
  }
  const [editor, curator, r1, r2, r3] = await Promise.all(
    ['editor', 'curator', 'reviewer1', 'reviewer2', 'reviewer3'].map((n) => userByEmail(`${n}@demo.edu.cn`)),
  )

  // ── media ────────────────────────────────────────────────────────────────────────────────
  const media = async (filename: string, alt: string, file: () => Promise<Buffer> | Buffer, mimetype: string, caption?: string) => {
    const found = await payload.find({ collection: 'media', where: { filename: { equals: filename } }, limit: 1, depth: 0 })
    if (found.docs[0]) return found.docs[0].id as number
    const data = await file()
    const doc = await payload.create({
      collection: 'media',
      depth: 0,
      data: { alt, caption, source: '演示素材（系统生成）' },
      file: { data, mimetype, name: filename, size: data.length },
    })
    tally('created', 'media')
    return doc.id as number
  }
  /**
   * Each item's own cover, drawn from its title (seed/covers.ts). Lazy: `published`/`inReview` call it
   * only when they create the item, so a later seed run draws nothing for items that exist.
   */
  const drawn = { count: 0, drawMs: 0, totalMs: 0 }
  /**
   * SEED_PICTURES=shared (the edge-date test runs, which look at no picture): every generated picture
   * is one drawn picture, so a seed spends about 1 s on pictures instead of 13–19 s.
   */
  let sharedPicture: Promise<number> | null = null
  /** Draws and uploads a generated picture, timing both (the seed log reports what covers cost). */
  const generated = async (filename: string, alt: string, draw: () => Promise<Buffer>, caption?: string): Promise<number> => {
    if (process.env.SEED_PICTURES === 'shared' && filename !== 'cover-shared.jpg')
      return (sharedPicture ??= generated('cover-shared.jpg', '演示封面（测试用，各内容共用）', draw))
    const t0 = performance.now()
    const id = await media(
      filename,
      alt,
      async () => {
        const t1 = performance.now()
        const bytes = await draw()
        drawn.drawMs += performance.now() - t1
        drawn.count++
        return bytes
      },
      'image/jpeg',
      caption,
    )
    drawn.totalMs += performance.now() - t0
    return id
  }
  const cover = (key: string, title: string, label: string, theme: string) => () =>
    generated(`cover-${key}.jpg`, `封面图：${title}（系统生成的演示封面）`, () => renderCover({ title, label, theme }))
  const slugOf = (title: string) => createHash('sha1').update(title).digest('hex').slice(0, 12)
  // Demo video and audio as long as each lesson says (a colour card, a tone; clearly demo material),
  // made from the 12-second clips in seed/assets/ (seed/media.ts): a lesson's 学时 follow from its
  // file's real length, so the file must really be that long.
  const lessonFiles = new Map<string, Promise<number>>()
  const lessonMedia = (kind: 'video' | 'audio', minutes: number) => {
    const name = `demo-lesson-${minutes}min.${kind === 'video' ? 'mp4' : 'mp3'}`
    if (!lessonFiles.has(name)) {
      lessonFiles.set(
        name,
        media(
          name,
          '',
          () => (kind === 'video' ? demoMp4(minutes * 60) : demoMp3(minutes * 60)),
          kind === 'video' ? 'video/mp4' : 'audio/mpeg',
        ),
      )
    }
    return lessonFiles.get(name)!
  }

  /**
   * A 视频 resource's clip until the real one is uploaded: the demo colour card, silent, two minutes
   * long — as long as it says, and named a placeholder wherever it is shown.
   */
  const PLACEHOLDER_SECONDS = 120
  const placeholderClip = (title: string) =>
    media(
      `placeholder-${slugOf(title)}.mp4`,
      `占位视频：${title}`,
      () => demoMp4(PLACEHOLDER_SECONDS),
      'video/mp4',
      `占位视频（纯色画面、无声，时长 ${PLACEHOLDER_SECONDS / 60} 分钟），不是${title.replace(/^示范视频资源：/, '')}的正片；正式视频上传后替换`,
    )

  // ── helpers ──────────────────────────────────────────────────────────────────────────────
  /** The item's data with its lazy parts (functions: covers, pictures) made. */
  const resolved = async (data: Record<string, unknown>) =>
    Object.fromEntries(
      await Promise.all(Object.entries(data).map(async ([k, v]) => [k, typeof v === 'function' ? await (v as () => unknown)() : v])),
    )
  const findByTitle = async (collection: ReviewedCollection, title: string) => {
    const { docs } = await payload.find({ collection, where: { title: { equals: title } }, draft: true, limit: 1, depth: 0 })
    return docs[0]?.id as number | undefined
  }
  /** Creates the item published (once), or returns the existing one. */
  const published = async (collection: ReviewedCollection, author: User, lazy: Record<string, unknown>, daysAgo = 30) => {
    const existing = await findByTitle(collection, String(lazy.title))
    if (existing) {
      tally('skipped', collection)
      return existing
    }
    const data = await resolved(lazy)
    const at = new Date(now - daysAgo * DAY).toISOString()
    const doc = await payload.create({
      collection,
      depth: 0,
      context: SYSTEM,
      data: { ...data, _status: 'published', reviewState: 'published', publishedAt: at, createdBy: author.id },
    })
    tally('created', collection)
    return doc.id as number
  }
  /** Creates a draft as its author and moves it through real transitions (queues with work in them). */
  const inReview = async (
    collection: ReviewedCollection,
    author: User,
    lazy: Record<string, unknown>,
    steps: Array<[User, 'submit' | 'approve' | 'return' | 'withdraw', string?, string?]>,
  ) => {
    const existing = await findByTitle(collection, String(lazy.title))
    if (existing) {
      tally('skipped', collection)
      return existing
    }
    const data = await resolved(lazy)
    const doc = await payload.create({ collection, depth: 0, draft: true, user: author, overrideAccess: false, data: data })
    for (const [user, action, reason, publishAt] of steps)
      await reviewAs(payload, user, { collection, id: doc.id, action, reason, publishAt })
    tally('created', collection)
    return doc.id as number
  }

  // ── questions ────────────────────────────────────────────────────────────────────────────
  const questionIds = new Map<string, number>()
  for (const q of QUESTION_BANK) {
    const found = await payload.find({ collection: 'questions', where: { stem: { equals: q.stem } }, limit: 1, depth: 0 })
    let id = found.docs[0]?.id as number | undefined
    if (id) tally('skipped', 'questions')
    else {
      id = (await payload.create({ collection: 'questions', depth: 0, data: { ...q, themes: themes(q.themes) } })).id as number
      tally('created', 'questions')
    }
    questionIds.set(q.stem, id)
  }
  const questionsOf = (theme: ThemeSlug, n: number) =>
    QUESTION_BANK.filter((q) => (q.themes as string[]).includes(theme))
      .slice(0, n)
      .map((q) => questionIds.get(q.stem)!)

  // ── quizzes of every mode ──────────────────────────────────────────────────────────────────
  const quiz = (title: string, data: Record<string, unknown>) =>
    published('quizzes', curator, { title, passScore: 60, attemptsAllowed: 0, shuffleQuestions: true, shuffleOptions: true, ...data })
  await quiz('每日答题', {
    mode: 'daily',
    summary: '每天 5 道题，随机抽自全部专题，答完即可查看解析。',
    questionSource: 'random',
    draw: { count: 5, difficulty: 'any' },
    attemptsAllowed: 1,
  })
  for (const [slug, name] of [
    ['party-history', '党史'],
    ['party-constitution', '党章党规'],
    ['integrity', '廉政教育'],
  ] as const) {
    await quiz(`${name}专项测验`, {
      mode: 'topic',
      summary: `从${name}专题题库随机抽取 10 道题，60 分及格。`,
      questionSource: 'random',
      draw: { count: 10, difficulty: 'any', themes: themes([slug]) },
      timeLimitMinutes: 20,
      attemptsAllowed: 3,
      themes: themes([slug]),
    })
  }
  await quiz('“四史”知识竞赛', {
    mode: 'competition',
    summary: '面向全校党员的“四史”知识竞赛：限时 15 分钟，按支部和学院排名。',
    questionSource: 'random',
    draw: { count: 20, difficulty: 'any', themes: themes(['party-history', 'prc-history', 'reform-history', 'socialism-history']) },
    timeLimitMinutes: 15,
    attemptsAllowed: 1,
    opensAt: new Date(now - 5 * DAY).toISOString(),
    closesAt: new Date(now + 25 * DAY).toISOString(),
    themes: themes(['party-history', 'prc-history', 'reform-history', 'socialism-history']),
  })

  // ── micro-lessons and courses ──────────────────────────────────────────────────────────────
  for (const [ci, course] of COURSES.entries()) {
    const lessonIds: number[] = []
    for (const [li, lesson] of course.lessons.entries()) {
      // Each course's first lesson has a lesson quiz (随堂测试) of fixed questions on its theme.
      const quizId =
        li === 0
          ? await quiz(`随堂测试：${lesson.title}`, {
              mode: 'lesson',
              summary: '学完本课后作答，检验学习效果。',
              questionSource: 'fixed',
              questions: questionsOf(lesson.themes[0], 3),
              shuffleQuestions: false,
              themes: themes(lesson.themes),
            })
          : undefined
      lessonIds.push(
        await published(
          'micro-lessons',
          curator,
          {
            title: lesson.title,
            kind: lesson.kind,
            summary: lesson.summary,
            body: blocksToLexical(lesson.body),
            // 时长 and 学时 are derived from this file or the text (src/study/derive.ts), never typed.
            media: lesson.kind === 'video' || lesson.kind === 'audio' ? await lessonMedia(lesson.kind, lesson.durationMinutes) : undefined,
            cover: cover(
              `lesson-${slugOf(lesson.title)}`,
              lesson.title,
              labelOf(LESSON_KINDS[lesson.kind] ?? '微党课', lesson.themes[0]),
              lesson.themes[0],
            ),
            speaker: lesson.speaker,
            source: '马克思主义学院',
            quiz: quizId,
            themes: themes(lesson.themes),
            audienceStages: course.audienceStages,
          },
          60 - ci * 5 - li,
        ),
      )
    }
    const data = {
      title: course.title,
      summary: course.summary,
      cover: cover(
        `course-${slugOf(course.title)}`,
        course.title,
        labelOf(course.requirement === 'required' ? '必修课程' : '选修课程', course.themes[0]),
        course.themes[0],
      ),
      requirement: course.requirement,
      lessons: lessonIds,
      body: blocksToLexical([{ p: course.summary }]),
      curator: curator.id,
      themes: themes(course.themes),
      audienceStages: course.audienceStages,
    }
    // The last course waits for its final review, so the final reviewer's queue has a course in it.
    if (ci === COURSES.length - 1) {
      await inReview('courses', curator, data, [
        [curator, 'submit'],
        [r1, 'approve'],
        [r2, 'approve'],
      ])
    } else {
      await published('courses', curator, data, 50 - ci * 5)
    }
  }

  // ── red resources ──────────────────────────────────────────────────────────────────────────
  for (const [i, r] of RED_RESOURCES.entries()) {
    const theme = r.themes[0] ?? 'red-culture'
    const data = {
      title: r.title,
      kind: r.kind,
      period: r.period,
      summary: r.summary,
      cover: cover(`resource-${slugOf(r.title)}`, r.title, KIND_NAMES.get(r.kind) ?? '红色资源', theme),
      // 图片 and 视频 resources carry their picture or clip. The platform holds no licence for the
      // originals (paintings, press photos, documentaries), so these are generated and say so: an
      // illustration marked 示意图 · 非原作, and a silent colour-card clip of its real, stated length.
      attachments:
        r.kind === 'image'
          ? async () => [
              await generated(
                `illustration-${slugOf(r.title)}.jpg`,
                `${r.title}的示意图（系统生成，非原作）`,
                () => renderIllustration(r.title, theme),
                '系统生成的示意图，不是原作或历史照片',
              ),
            ]
          : r.kind === 'video'
            ? async () => [await placeholderClip(r.title)]
            : undefined,
      body: blocksToLexical(r.body),
      source: r.source,
      provenance: r.provenance,
      address: r.address,
      latitude: r.latitude,
      longitude: r.longitude,
      themes: themes(r.themes),
    }
    if (i === RED_RESOURCES.length - 1) await inReview('red-resources', editor, data, [[editor, 'submit']])
    else if (i === RED_RESOURCES.length - 2)
      await inReview('red-resources', editor, data, [
        [editor, 'submit'],
        [r1, 'return', '请补充史料出处（馆藏单位或出版信息）。'],
      ])
    else await published('red-resources', editor, data, 200 - i * 5)
  }

  // ── news: most published, the newest few spread over every review state ───────────────────
  const byRecency = [...NEWS].sort((a, b) => a.publishedDaysAgo - b.publishedDaysAgo)
  const QUEUE: Array<Array<[User, 'submit' | 'approve' | 'return' | 'withdraw', string?, string?]>> = [
    [], // 草稿
    [[editor, 'submit']], // 待初审
    [[editor, 'submit']],
    [
      [editor, 'submit'],
      [r1, 'approve'],
    ], // 待复审
    [
      [editor, 'submit'],
      [r1, 'approve'],
      [r2, 'approve'],
    ], // 待终审
    [
      [editor, 'submit'],
      [r1, 'approve'],
      [r2, 'approve'],
      [r3, 'approve', undefined, new Date(now + 3 * DAY).toISOString()],
    ], // 定时发布
    [
      [editor, 'submit'],
      [r1, 'return', '请核对活动时间和参加人数，并补充图片说明。'],
    ], // 退回修改
  ]
  for (const [i, n] of byRecency.entries()) {
    const data = {
      title: n.title,
      column: n.column,
      summary: n.summary,
      cover: cover(`news-${slugOf(n.title)}`, n.title, labelOf(COLUMN_NAMES.get(n.column) ?? '党建动态'), n.themes[0] ?? 'red-culture'),
      body: blocksToLexical(n.body),
      source: n.source,
      author: n.author,
      themes: themes(n.themes),
      // The newest notice stays pinned for a week.
      pinnedUntil: n.column === 'notices' && i < QUEUE.length + 4 ? new Date(now + 7 * DAY).toISOString() : undefined,
    }
    if (i < QUEUE.length) await inReview('news', editor, data, QUEUE[i])
    else await published('news', editor, data, n.publishedDaysAgo)
  }

  // One published item taken offline, and one live item with a revision waiting for review.
  const oldest = byRecency[byRecency.length - 1]
  const oldestId = await findByTitle('news', oldest.title)
  const live = await payload.findByID({ collection: 'news', id: oldestId!, depth: 0 })
  if (live.reviewState === 'published')
    await reviewAs(payload, r3, { collection: 'news', id: oldestId!, action: 'withdraw', reason: '内容已过时效，下线归档。' })
  const revisedSource = byRecency[QUEUE.length]
  const revisedId = await findByTitle('news', revisedSource.title)
  const latest = await payload.findByID({ collection: 'news', id: revisedId!, draft: true, depth: 0 })
  if (latest.reviewState === 'published') {
    await payload.update({
      collection: 'news',
      id: revisedId!,
      draft: true,
      user: editor,
      overrideAccess: false,
      data: { summary: `${revisedSource.summary}（修订：补充了活动照片说明）` },
    })
    await reviewAs(payload, editor, { collection: 'news', id: revisedId!, action: 'submit' })
  }
  if (drawn.count)
    log(
      `演示封面与图片 ${drawn.count} 张：绘制 ${(drawn.drawMs / 1000).toFixed(1)} 秒，连同媒体库生成 WebP 尺寸共 ${(drawn.totalMs / 1000).toFixed(1)} 秒`,
    )
}
