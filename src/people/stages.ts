/** Political stage (政治面貌 / 发展阶段) in development order, from DOMAIN.md. */
export const POLITICAL_STAGES = ['masses', 'applicant', 'activist', 'developmentTarget', 'probationary', 'full'] as const
export type PoliticalStage = (typeof POLITICAL_STAGES)[number]

export const POLITICAL_STAGE_LABELS: Record<PoliticalStage, { zh: string; en: string }> = {
  masses: { zh: '群众', en: 'Masses' },
  applicant: { zh: '入党申请人', en: 'Applicant' },
  activist: { zh: '入党积极分子', en: 'Activist' },
  developmentTarget: { zh: '发展对象', en: 'Development target' },
  probationary: { zh: '预备党员', en: 'Probationary member' },
  full: { zh: '正式党员', en: 'Full member' },
}

/** Party members in the sense of the branch-size rules: full and probationary members. */
export const PARTY_MEMBER_STAGES: PoliticalStage[] = ['probationary', 'full']

export const stageOptions = POLITICAL_STAGES.map((value) => ({
  value,
  label: POLITICAL_STAGE_LABELS[value],
}))
