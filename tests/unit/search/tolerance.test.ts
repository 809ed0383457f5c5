import { describe, expect, it } from 'vitest'

import { distance, nearestTerm, pinyinWords, queryPinyin, soundsLikeIn, toSimplified } from '../../../src/search/tolerance'

describe('search tolerance: traditional characters and pinyin', () => {
  it('turns traditional characters into simplified ones and leaves simplified text alone', () => {
    expect(toSimplified('黨的二十大')).toBe('党的二十大')
    expect(toSimplified('遵義會議紀念館')).toBe('遵义会议纪念馆')
    expect(toSimplified('三会一课 dangshi 2026')).toBe('三会一课 dangshi 2026')
  })

  it('indexes every 2–8 character run of a title as pinyin, with initials from three characters', () => {
    const words = pinyinWords('“三会一课”制度').split(' ')
    expect(words).toEqual(expect.arrayContaining(['sanhuiyike', 'sanhui', 'huiyike', 'shyk', 'zhidu']))
    expect(words).not.toContain('san') // single syllables would match everything
    // Polyphones read in context, as a member would type them.
    expect(pinyinWords('重庆长征')).toContain('chongqingchangzheng')
  })

  it('spells a query as the index does: homophone typos and spaced pinyin meet the same word', () => {
    expect(queryPinyin('井岗山')).toBe(queryPinyin('井冈山'))
    expect(queryPinyin('三会一刻')).toBe('sanhuiyike')
    expect(queryPinyin('San Hui Yi Ke')).toBe('sanhuiyike')
    expect(queryPinyin('黨史')).toBe('dangshi')
    expect(queryPinyin('2026')).toBeNull()
  })

  it('names what the results sounded like, and the nearest term when nothing was found', () => {
    expect(soundsLikeIn('井冈山革命博物馆', '井岗山')).toBe('井冈山')
    expect(soundsLikeIn('中国共产党历史（党史）', 'dangshi')).toBe('党史')
    expect(soundsLikeIn('遵义会议纪念馆', '延安')).toBeNull()
    expect(nearestTerm('廉正教肓', ['党史', '廉政教育', '师德师风'])).toBe('廉政教育')
    expect(nearestTerm('量子计算', ['党史', '廉政教育', '师德师风'])).toBeNull()
    expect(distance('jinggangshan', 'jingangshan')).toBe(1)
  })
})
