/**
 * Forty queries as members really type them (issue 14 §4), each with the seeded item it should
 * find: homophone typos from a pinyin input method, pinyin without tones (with typos and spaces
 * too), traditional characters, and abbreviations. `npm run bench:search-quality` prints the share
 * found in the top 5; tests/int/search/tolerance.test.ts asserts one of each kind.
 */
export type QueryKind = 'typo' | 'pinyin' | 'traditional' | 'abbreviation'
export type QualityQuery = {
  q: string
  kind: QueryKind
  collection: 'courses' | 'micro-lessons' | 'red-resources' | 'news' | 'quizzes'
  title: string
}

export const QUALITY_QUERIES: QualityQuery[] = [
  // Homophone (and near-homophone) typos: the characters are wrong, the sound is right.
  { kind: 'typo', q: '井岗山', collection: 'red-resources', title: '井冈山革命博物馆' },
  { kind: 'typo', q: '三会一刻', collection: 'micro-lessons', title: '“三会一课”制度的基本要求' },
  { kind: 'typo', q: '遵意会议', collection: 'red-resources', title: '遵义会议纪念馆' },
  { kind: 'typo', q: '古田会义决议', collection: 'red-resources', title: '古田会议决议（1929年）' },
  { kind: 'typo', q: '延按精神', collection: 'micro-lessons', title: '延安精神：十三年铸就的精神丰碑' },
  { kind: 'typo', q: '西柏波纪念馆', collection: 'red-resources', title: '西柏坡纪念馆' },
  { kind: 'typo', q: '焦玉禄', collection: 'red-resources', title: '焦裕禄（1922—1964）' },
  { kind: 'typo', q: '李大召', collection: 'red-resources', title: '李大钊（1889—1927）' },
  { kind: 'typo', q: '红旗曲', collection: 'red-resources', title: '示范视频资源：人工天河——红旗渠' },
  { kind: 'typo', q: '狼牙三五壮士', collection: 'red-resources', title: '油画《狼牙山五壮士》（詹建俊）' },
  { kind: 'typo', q: '两学一作', collection: 'micro-lessons', title: '“两学一做”与合格党员标准' },
  { kind: 'typo', q: '共产党宣严', collection: 'micro-lessons', title: '《共产党宣言》：科学社会主义的诞生' },
  { kind: 'typo', q: '长证精神', collection: 'micro-lessons', title: '长征精神：理想信念的伟大远征' },
  { kind: 'typo', q: '八项规订', collection: 'micro-lessons', title: '中央八项规定精神与作风建设' },
  // Pinyin without tones, as typed on a phone keyboard (some with a slip or spaces).
  { kind: 'pinyin', q: 'sanhuiyike', collection: 'micro-lessons', title: '“三会一课”制度的基本要求' },
  { kind: 'pinyin', q: 'zunyihuiyi', collection: 'red-resources', title: '遵义会议纪念馆' },
  { kind: 'pinyin', q: 'jiaoyulu', collection: 'red-resources', title: '焦裕禄（1922—1964）' },
  { kind: 'pinyin', q: 'leifeng', collection: 'red-resources', title: '雷锋（1940—1962）' },
  { kind: 'pinyin', q: 'hongqiqu', collection: 'red-resources', title: '示范视频资源：人工天河——红旗渠' },
  { kind: 'pinyin', q: 'xibaipo', collection: 'red-resources', title: '西柏坡纪念馆' },
  { kind: 'pinyin', q: 'yanan geming jinianguan', collection: 'red-resources', title: '延安革命纪念馆' },
  { kind: 'pinyin', q: 'zhonggong erda huizhi', collection: 'red-resources', title: '中共二大会址' },
  { kind: 'pinyin', q: 'gongchandangxuanyan', collection: 'micro-lessons', title: '《共产党宣言》：科学社会主义的诞生' },
  { kind: 'pinyin', q: 'lunchijiuzhan', collection: 'red-resources', title: '《论持久战》（毛泽东，1938年）' },
  { kind: 'pinyin', q: 'kaiguodadian', collection: 'red-resources', title: '油画《开国大典》（董希文）' },
  { kind: 'pinyin', q: 'fangzhimin', collection: 'red-resources', title: '方志敏（1899—1935）' },
  { kind: 'pinyin', q: 'liangdanyixing', collection: 'micro-lessons', title: '“两弹一星”精神：自力更生攀高峰' },
  { kind: 'pinyin', q: 'shi yue ge ming', collection: 'micro-lessons', title: '十月革命：社会主义从理论走向实践' },
  { kind: 'pinyin', q: 'huangdanian', collection: 'red-resources', title: '黄大年（1958—2017）' },
  { kind: 'pinyin', q: 'yanjingyu', collection: 'red-resources', title: '杨靖宇（1905—1940）' },
  // Traditional characters (a Hong Kong, Taiwan or old-document habit, or a phone set that way).
  {
    kind: 'traditional',
    q: '黨的二十大',
    collection: 'red-resources',
    title: '党的二十大报告《高举中国特色社会主义伟大旗帜 为全面建设社会主义现代化国家而团结奋斗》',
  },
  { kind: 'traditional', q: '長征精神', collection: 'micro-lessons', title: '长征精神：理想信念的伟大远征' },
  { kind: 'traditional', q: '遵義會議紀念館', collection: 'red-resources', title: '遵义会议纪念馆' },
  { kind: 'traditional', q: '共產黨宣言', collection: 'micro-lessons', title: '《共产党宣言》：科学社会主义的诞生' },
  { kind: 'traditional', q: '開國大典', collection: 'red-resources', title: '油画《开国大典》（董希文）' },
  { kind: 'traditional', q: '雷鋒', collection: 'red-resources', title: '雷锋（1940—1962）' },
  // Abbreviations in everyday Party-work usage.
  {
    kind: 'abbreviation',
    q: '二十大报告',
    collection: 'red-resources',
    title: '党的二十大报告《高举中国特色社会主义伟大旗帜 为全面建设社会主义现代化国家而团结奋斗》',
  },
  { kind: 'abbreviation', q: '四史竞赛', collection: 'quizzes', title: '“四史”知识竞赛' },
  { kind: 'abbreviation', q: '两学一做', collection: 'micro-lessons', title: '“两学一做”与合格党员标准' },
  { kind: 'abbreviation', q: '建党百年', collection: 'red-resources', title: '新闻图片：庆祝中国共产党成立100周年大会' },
]
