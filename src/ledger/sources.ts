/**
 * The sources of 学时 (学时台账, issue 15 §4). Every entry names one; a module that credits hours adds
 * its source here and writes through src/ledger/write.ts (online study writes through the trigger
 * on study_progress, src/db/sql/study_hours.sql).
 */
export const STUDY_HOUR_SOURCES = ['online', 'organizationLife', 'training', 'certificate'] as const
export type StudyHourSource = (typeof STUDY_HOUR_SOURCES)[number]

export const STUDY_HOUR_SOURCE_LABELS: Record<StudyHourSource, { zh: string; en: string }> = {
  online: { zh: '线上学习', en: 'Online study' },
  organizationLife: { zh: '组织生活', en: 'Organisation life' },
  training: { zh: '党校与集中培训', en: 'Party school and concentrated training' },
  certificate: { zh: '外部学习证明', en: 'External certificate' },
}

/** Offline sources: entered by people and vouched for by an organisation (not measured by the platform). */
export const OFFLINE_SOURCES: StudyHourSource[] = STUDY_HOUR_SOURCES.filter((s) => s !== 'online')
