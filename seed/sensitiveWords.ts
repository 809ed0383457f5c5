/**
 * A starting list for the demo: campus fraud and spam phrases, plus one obvious test word so the
 * block can be shown without quoting anything real. The security administrator maintains the list.
 */
export const SENSITIVE_WORDS = [
  { word: '测试敏感词', category: 'other', note: '演示用：提交含此词的内容会被拦截' },
  { word: '代考', category: 'fraud', note: '考试作弊广告' },
  { word: '刷单', category: 'fraud', note: '刷单诈骗' },
  { word: '裸贷', category: 'fraud', note: '非法借贷' },
  { word: '加微信领红包', category: 'fraud', note: '引流广告' },
  { word: '博彩', category: 'fraud', note: '赌博广告' },
] as const
