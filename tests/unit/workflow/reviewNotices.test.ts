import { describe, expect, it } from 'vitest'

import { noticesFor, statusLine, unpublishedPartsRefusal } from '../../../src/workflow/transitions'

describe('who hears about a review transition', () => {
  const base = { itemLabel: '党建动态', title: '主题党日', actorName: '赵文静' }

  it('entering a queue tells the reviewers of that level, and says how it got there', () => {
    expect(noticesFor({ ...base, to: 'pendingFirst', actorName: '王雪梅' })).toEqual([
      { to: 'reviewers', level: 1, kind: 'reviewQueue', title: '待初审：党建动态「主题党日」', body: '王雪梅提交了审核，等待初审。' },
    ])
    const second = noticesFor({ ...base, to: 'pendingSecond', level: 1 })
    expect(second).toMatchObject([{ to: 'reviewers', level: 2, body: '赵文静已初审通过，等待复审。' }])
    expect(noticesFor({ ...base, to: 'pendingFinal', level: 2 })).toMatchObject([
      { to: 'reviewers', level: 3, title: '待终审：党建动态「主题党日」' },
    ])
  })

  it('a return tells the author the level and the reason', () => {
    expect(noticesFor({ ...base, to: 'returned', level: 2, reason: '请核对日期' })).toEqual([
      { to: 'author', kind: 'reviewReturned', title: '被退回修改：党建动态「主题党日」', body: '赵文静在复审时退回，理由：请核对日期' },
    ])
  })

  it('publication tells the author, by a reviewer or by the schedule', () => {
    expect(noticesFor({ ...base, to: 'published', level: 3 })).toMatchObject([
      { to: 'author', kind: 'reviewPublished', body: '赵文静终审通过，内容已对学员发布。' },
    ])
    expect(noticesFor({ ...base, to: 'published', actorName: null })).toMatchObject([
      { to: 'author', body: '已到定时发布时间，内容已对学员发布。' },
    ])
  })

  it('scheduling and withdrawal raise no notice', () => {
    expect(noticesFor({ ...base, to: 'scheduled', level: 3 })).toEqual([])
    expect(noticesFor({ ...base, to: 'withdrawn', level: 3, reason: '过时' })).toEqual([])
  })
})

describe('the header status', () => {
  it('names the review state, and says members still see the live version during a revision', () => {
    expect(statusLine('pendingFirst', false)).toBe('待初审')
    expect(statusLine('pendingSecond', true)).toBe('待复审（学员仍看到已发布的版本）')
    expect(statusLine('published', true)).toBe('已发布')
    expect(statusLine('draft', true)).toBe('草稿（学员仍看到已发布的版本）')
  })
})

describe('parts that must be live before an item is submitted', () => {
  it('passes when every part is live', () => {
    expect(unpublishedPartsRefusal([])).toBeNull()
    expect(unpublishedPartsRefusal([{ kind: '微党课', title: '一', live: true }])).toBeNull()
  })
  it('refuses with 409 naming each unpublished part', () => {
    const refusal = unpublishedPartsRefusal([
      { kind: '微党课', title: '一', live: true },
      { kind: '微党课', title: '二', live: false },
      { kind: '测验', title: '随堂测试', live: false },
    ])
    expect(refusal).toEqual({
      ok: false,
      status: 409,
      message: '以下组成部分尚未发布，请先将它们提交审核并发布后再提交：微党课“二”、测验“随堂测试”',
    })
  })
})
