/**
 * Shapes of the demo content written by hand in this folder. Bodies are a few simple blocks that
 * the seed turns into Lexical rich text, so the content files stay readable and reviewable.
 */
export type ThemeSlug =
  | 'party-history'
  | 'prc-history'
  | 'reform-history'
  | 'socialism-history'
  | 'two-studies-one-action'
  | 'three-meetings-one-lesson'
  | 'xi-thought'
  | 'party-constitution'
  | 'integrity'
  | 'teacher-ethics'
  | 'red-culture'

export type Block =
  | { h: string } // a heading (h2)
  | { p: string } // a paragraph
  | { ul: string[] } // a bulleted list
  | { ol: string[] } // a numbered list
  | { quote: string; source: string } // a verbatim quotation from an official text, with its source

export type SeedQuestion =
  | {
      type: 'single' | 'multiple'
      difficulty: 'easy' | 'medium' | 'hard'
      stem: string
      options: Array<{ text: string; isCorrect: boolean }>
      explanation: string
      themes: ThemeSlug[]
      source?: string
    }
  | {
      type: 'trueFalse'
      difficulty: 'easy' | 'medium' | 'hard'
      stem: string
      trueFalseAnswer: 'correct' | 'wrong'
      explanation: string
      themes: ThemeSlug[]
      source?: string
    }
  | {
      type: 'fillIn'
      difficulty: 'easy' | 'medium' | 'hard'
      stem: string
      fillInAnswers: Array<{ answer: string }>
      explanation: string
      themes: ThemeSlug[]
      source?: string
    }

export type SeedLesson = {
  key: string // stable identifier, lowercase-with-dashes, unique across all lessons
  title: string
  kind: 'video' | 'audio' | 'article'
  // Video/audio: the length of the demo file made for it (seed/media.ts). Articles: unused, their length
  // is their text's at the study-reading speed. 学时 are never typed: src/study/derive.ts.
  durationMinutes: number
  speaker: string // speaker or source, e.g. '马克思主义学院 示例教师' (no invented real persons)
  summary: string
  body: Block[] // for articles the reading text; for video/audio a transcript outline
  themes: ThemeSlug[]
}

export type SeedCourse = {
  key: string
  title: string
  summary: string
  requirement: 'required' | 'elective'
  /** Political stages the course targets; empty = everyone. */
  audienceStages: Array<'masses' | 'applicant' | 'activist' | 'developmentTarget' | 'probationary' | 'full'>
  themes: ThemeSlug[]
  lessons: SeedLesson[] // 3 to 6, in order
}

export type SeedRedResource = {
  key: string
  title: string
  kind: 'document' | 'image' | 'video' | 'educationBase' | 'meetingDocument' | 'person' | 'site'
  period: 'newDemocratic' | 'socialistConstruction' | 'reformOpening' | 'newEra' // 新民主主义革命时期 1919–1949 / 社会主义革命和建设时期 1949–1978 / 改革开放和社会主义现代化建设新时期 1978–2012 / 中国特色社会主义新时代 2012–
  summary: string
  body: Block[]
  source: string // where the facts come from (e.g. an official museum, a published document)
  provenance?: string // what the item is, who holds it
  address?: string // education bases and sites
  latitude?: number
  longitude?: number
  themes: ThemeSlug[]
}

export type SeedNews = {
  key: string
  title: string
  column: 'headlines' | 'notices' | 'grassroots' | 'theory' // 要闻 / 通知公告 / 基层动态 / 理论学习
  summary: string
  body: Block[]
  source: string // 来源, e.g. '党委宣传部' or '示范大学 机械工程学院党委'
  author: string
  /** Days before the seed runs that the item was published (0 = today). */
  publishedDaysAgo: number
  themes: ThemeSlug[]
}
