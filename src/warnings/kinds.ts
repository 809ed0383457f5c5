export const NOTIFICATION_KINDS = [
  { value: 'studyBehind', label: { zh: '学时预警', en: 'Behind on study hours' } },
  { value: 'branchRule', label: { zh: '支部建设预警', en: 'Branch rule' } },
  { value: 'termEnding', label: { zh: '换届提醒', en: 'Term ending' } },
] as const
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number]['value']
