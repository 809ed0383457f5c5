/** The starting list of study themes (专题) from DOMAIN.md; editors extend it in the admin. */
export const THEMES = [
  { slug: 'party-history', name: '党史', group: '四史', description: '中国共产党历史学习。' },
  { slug: 'prc-history', name: '新中国史', group: '四史', description: '中华人民共和国历史学习。' },
  { slug: 'reform-history', name: '改革开放史', group: '四史', description: '改革开放历史学习。' },
  { slug: 'socialism-history', name: '社会主义发展史', group: '四史', description: '社会主义发展历史学习。' },
  { slug: 'two-studies-one-action', name: '两学一做', group: '', description: '学党章党规、学系列讲话，做合格党员。' },
  { slug: 'three-meetings-one-lesson', name: '三会一课', group: '', description: '支部党员大会、支部委员会、党小组会，按时上好党课。' },
  { slug: 'xi-thought', name: '习近平新时代中国特色社会主义思想', group: '', description: '理论学习专题。' },
  { slug: 'party-constitution', name: '党章党规', group: '', description: '学习党章和党内法规。' },
  { slug: 'integrity', name: '廉政教育', group: '', description: '党风廉政建设与警示教育。' },
  { slug: 'teacher-ethics', name: '师德师风', group: '', description: '教师职业道德与作风建设。' },
  { slug: 'red-culture', name: '红色文化', group: '', description: '红色文化与革命传统教育。' },
] as const
