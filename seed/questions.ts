/**
 * A starter question bank: facts checked against DOMAIN.md and the historical record (the Party
 * founded in July 1921, the PRC on 1 October 1949, the 20th National Congress in October 2022 in
 * Beijing). The full bank arrives with the content-library seed.
 */
import type { SeedQuestion } from './content/types'

export const QUESTIONS: SeedQuestion[] = [
  {
    type: 'single',
    difficulty: 'easy',
    stem: '中国共产党成立于哪一年？',
    options: [
      { text: '1919年', isCorrect: false },
      { text: '1921年', isCorrect: true },
      { text: '1927年', isCorrect: false },
      { text: '1949年', isCorrect: false },
    ],
    explanation: '1921年7月，中国共产党第一次全国代表大会召开，宣告中国共产党成立。',
    themes: ['party-history'],
  },
  {
    type: 'trueFalse',
    difficulty: 'easy',
    stem: '中国共产党第二十次全国代表大会于2022年10月在北京召开。',
    trueFalseAnswer: 'correct',
    explanation: '党的二十大于2022年10月16日至22日在北京召开。',
    themes: ['party-history'],
  },
  {
    type: 'fillIn',
    difficulty: 'easy',
    stem: '中华人民共和国于____年10月1日成立。',
    fillInAnswers: [{ answer: '1949' }],
    explanation: '1949年10月1日，中华人民共和国中央人民政府成立。',
    themes: ['prc-history'],
  },
  {
    type: 'multiple',
    difficulty: 'medium',
    stem: '“三会一课”中的“三会”包括哪些？',
    options: [
      { text: '支部党员大会', isCorrect: true },
      { text: '支部委员会', isCorrect: true },
      { text: '党小组会', isCorrect: true },
      { text: '教职工代表大会', isCorrect: false },
    ],
    explanation: '“三会一课”指定期召开支部党员大会、支部委员会、党小组会，按时上好党课。',
    themes: ['three-meetings-one-lesson'],
  },
  {
    type: 'single',
    difficulty: 'medium',
    stem: '党支部正式党员达到多少人以上的，应当设立支部委员会？',
    options: [
      { text: '3人', isCorrect: false },
      { text: '5人', isCorrect: false },
      { text: '7人', isCorrect: true },
      { text: '10人', isCorrect: false },
    ],
    explanation: '正式党员7人以上的党支部应当设立支部委员会。',
    themes: ['party-constitution'],
  },
  {
    type: 'single',
    difficulty: 'easy',
    stem: '“四史”不包括以下哪一项？',
    options: [
      { text: '党史', isCorrect: false },
      { text: '新中国史', isCorrect: false },
      { text: '改革开放史', isCorrect: false },
      { text: '世界近代史', isCorrect: true },
    ],
    explanation: '“四史”指党史、新中国史、改革开放史、社会主义发展史。',
    themes: ['party-history', 'socialism-history'],
  },
  {
    type: 'multiple',
    difficulty: 'easy',
    stem: '“两学一做”学习教育的内容包括哪些？',
    options: [
      { text: '学党章党规', isCorrect: true },
      { text: '学系列讲话', isCorrect: true },
      { text: '做合格党员', isCorrect: true },
      { text: '做优秀学者', isCorrect: false },
    ],
    explanation: '“两学一做”即学党章党规、学系列讲话，做合格党员。',
    themes: ['two-studies-one-action'],
  },
  {
    type: 'trueFalse',
    difficulty: 'easy',
    stem: '党支部党员人数一般不超过50人。',
    trueFalseAnswer: 'correct',
    explanation: '党支部党员人数一般不超过50人，以便于组织开展活动和加强教育管理。',
    themes: ['party-constitution'],
  },
]
