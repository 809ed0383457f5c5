/**
 * 学时 from real study: the pure rules (no I/O), shared by the item hooks, the heartbeat path, the
 * quiz path, the seed and the tests. The database function `study_credit_beats` applies the same
 * rules to each beat (migration 20261203_144338_study_real_length); tests/int/study/study.test.ts checks
 * that both agree and that credited 学时 never exceed credited study time.
 */

/** The numbers 平台设置 keeps (src/globals/PlatformSettings.ts), with their defaults. */
export type StudyRules = {
  /** Minutes of study that make one 学时: one 课时 of 45 minutes. */
  minutesPerCreditHour: number
  /** Study-reading speed of Chinese text, characters a minute (see DEFAULT_READING_CHARS_PER_MINUTE). */
  readingCharsPerMinute: number
  /** Share of an item's real length that must be credited before it counts as complete. */
  completionShare: number
}

/**
 * 300 characters a minute: ordinary silent reading of modern Chinese prose runs at about 400–500
 * characters a minute, but a study text (theory, Party documents, history with names and dates) is
 * read to be understood and remembered, with re-reading and pauses; 300 is the careful end of the
 * normal range and what a member can honestly keep up. Configurable in 平台设置.
 */
export const DEFAULT_READING_CHARS_PER_MINUTE = 300
export const DEFAULT_MINUTES_PER_CREDIT_HOUR = 45
export const DEFAULT_COMPLETION_SHARE = 0.9

export const DEFAULT_STUDY_RULES: StudyRules = {
  minutesPerCreditHour: DEFAULT_MINUTES_PER_CREDIT_HOUR,
  readingCharsPerMinute: DEFAULT_READING_CHARS_PER_MINUTE,
  completionShare: DEFAULT_COMPLETION_SHARE,
}

/**
 * A media position may run ahead of the study time credited since the item was opened by at most
 * this many seconds (the start beat leaving a moment after play began, rounding); anything further
 * is clamped, so seeking ahead or a forged position gains nothing.
 */
export const POSITION_TOLERANCE_SECONDS = 5

/** The shortest reading time any text is given, so a title alone is not "read" in two seconds. */
export const MIN_READ_SECONDS = 30

/** Rules from a settings document, falling back to the defaults for missing or nonsensical values. */
export const studyRulesOf = (settings: Partial<Record<keyof StudyRules, unknown>> | null | undefined): StudyRules => {
  const num = (v: unknown, d: number, ok: (n: number) => boolean) => (typeof v === 'number' && Number.isFinite(v) && ok(v) ? v : d)
  return {
    minutesPerCreditHour: num(settings?.minutesPerCreditHour, DEFAULT_MINUTES_PER_CREDIT_HOUR, (n) => n > 0),
    readingCharsPerMinute: num(settings?.readingCharsPerMinute, DEFAULT_READING_CHARS_PER_MINUTE, (n) => n > 0),
    completionShare: num(settings?.completionShare, DEFAULT_COMPLETION_SHARE, (n) => n > 0 && n <= 1),
  }
}

/** Characters that are read: every character but white space (Chinese has no spaces between words). */
export const readableLength = (text: string) => Array.from(text.replace(/\s+/g, '')).length

/** An article's real length in seconds: its readable characters at the study-reading speed. */
export const readingSeconds = (chars: number, charsPerMinute = DEFAULT_READING_CHARS_PER_MINUTE) =>
  Math.max(MIN_READ_SECONDS, Math.round((chars / charsPerMinute) * 60))

/** An item's 学时 from its real length: seconds ÷ (minutes per 学时 × 60), to two decimals. */
export const hoursForSeconds = (seconds: number, minutesPerCreditHour = DEFAULT_MINUTES_PER_CREDIT_HOUR) =>
  seconds > 0 ? Math.round((seconds / 60 / minutesPerCreditHour) * 100) / 100 : 0

/** Whole minutes to show for a length (at least 1 for anything that has a length). */
export const minutesForSeconds = (seconds: number) => (seconds > 0 ? Math.max(1, Math.round(seconds / 60)) : 0)

/**
 * 学时 credited for a completed item: its 学时, but never more than the time actually credited on it
 * allows (credited seconds ÷ minutes per 学时), rounded down to 1/10,000. A member who completes at
 * 90% of the length gets 90% of its 学时 until they study the rest.
 */
export const creditedHours = (itemHours: number, creditedSeconds: number, minutesPerCreditHour = DEFAULT_MINUTES_PER_CREDIT_HOUR) =>
  Math.max(0, Math.min(itemHours, Math.floor((creditedSeconds / 60 / minutesPerCreditHour) * 10_000 + 1e-9) / 10_000))

/** Credited seconds an item needs before it can complete. */
export const secondsNeeded = (lengthSeconds: number, completionShare = DEFAULT_COMPLETION_SHARE) => completionShare * lengthSeconds

/**
 * The media position the server accepts: never ahead of where the member opened the item plus the
 * study time credited since, plus a small tolerance. The opening position itself is never beyond
 * the furthest position accepted before.
 */
export const acceptedPosition = (reported: number, openedAt: number, creditedSinceOpen: number, tolerance = POSITION_TOLERANCE_SECONDS) =>
  Math.max(0, Math.min(reported, openedAt + creditedSinceOpen + tolerance))

export type LengthKind = 'video' | 'audio' | 'article'

/**
 * Whether an item's own completion conditions are met (a required lesson quiz comes on top):
 * credited time of at least the share of its real length, and for media the (accepted) position
 * there too, for articles the end reached.
 */
export const completionMet = (
  item: { kind: LengthKind; lengthSeconds: number },
  progress: { secondsCredited: number; position: number; scrolledToEnd: boolean },
  completionShare = DEFAULT_COMPLETION_SHARE,
) => {
  const needed = secondsNeeded(item.lengthSeconds, completionShare)
  if (item.lengthSeconds <= 0) return false
  if (item.kind === 'article') return (progress.scrolledToEnd || progress.position >= 0.99) && progress.secondsCredited >= needed
  return progress.position >= needed && progress.secondsCredited >= needed
}
