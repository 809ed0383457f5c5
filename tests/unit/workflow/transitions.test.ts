import { describe, expect, it } from 'vitest'

import { decide, type Actor, type ReviewAction, type ReviewState } from '../../../src/workflow/transitions'

const editor: Actor = { id: 1, roles: ['propagandaEditor'] }
const curator: Actor = { id: 2, roles: ['courseCurator'] }
const first: Actor = { id: 3, roles: ['reviewer'], reviewLevel: '1' }
const second: Actor = { id: 5, roles: ['reviewer'], reviewLevel: '2' }
const final: Actor = { id: 6, roles: ['reviewer'], reviewLevel: '3' }
const member: Actor = { id: 7, roles: ['member'] }
const editorWhoReviews: Actor = { id: 8, roles: ['propagandaEditor', 'reviewer'], reviewLevel: '1' }
const disabledEditor: Actor = { id: 9, roles: ['propagandaEditor'], active: false }

type Row = [ReviewState, ReviewAction, Actor, string, ReviewState | number]
const reason = '史实表述需核对'

// state, action, actor, who, expected state (or refusal status)
const table: Row[] = [
  ['draft', 'submit', editor, 'editor', 'pendingFirst'],
  ['draft', 'submit', curator, 'curator', 'pendingFirst'],
  ['returned', 'submit', editor, 'editor', 'pendingFirst'],
  ['published', 'submit', editor, 'editor (a revision)', 'pendingFirst'],
  ['draft', 'submit', member, 'member', 403],
  ['draft', 'submit', first, 'reviewer', 403],
  ['draft', 'submit', disabledEditor, 'disabled editor', 403],
  ['pendingFirst', 'submit', editor, 'editor', 409],
  ['pendingFirst', 'approve', first, 'first reviewer', 'pendingSecond'],
  ['pendingFirst', 'approve', second, 'second reviewer', 403],
  ['pendingFirst', 'approve', final, 'final reviewer', 403],
  ['pendingFirst', 'approve', editor, 'editor', 403],
  ['pendingSecond', 'approve', second, 'second reviewer', 'pendingFinal'],
  ['pendingSecond', 'approve', first, 'first reviewer', 403],
  ['pendingFinal', 'approve', final, 'final reviewer', 'published'],
  ['pendingFinal', 'approve', second, 'second reviewer', 403],
  ['pendingFirst', 'return', first, 'first reviewer', 'returned'],
  ['pendingSecond', 'return', second, 'second reviewer', 'returned'],
  ['pendingFinal', 'return', final, 'final reviewer', 'returned'],
  ['pendingSecond', 'return', first, 'first reviewer', 403],
  ['draft', 'approve', first, 'first reviewer', 409],
  ['published', 'approve', final, 'final reviewer', 409],
  ['published', 'withdraw', final, 'final reviewer', 'withdrawn'],
  ['scheduled', 'withdraw', final, 'final reviewer', 'withdrawn'],
  ['published', 'withdraw', second, 'second reviewer', 403],
  ['published', 'withdraw', editor, 'editor', 403],
  ['draft', 'withdraw', final, 'final reviewer', 409],
]

describe('review transitions by role', () => {
  it.each(table)('%s + %s by %$3s → %s', (state, action, actor, _who, expected) => {
    const result = decide({ state, authorId: editor.id }, actor, action, { reason })
    if (typeof expected === 'number') {
      expect(result).toMatchObject({ ok: false, status: expected })
      if (!result.ok) expect(result.message.length).toBeGreaterThan(4)
    } else {
      expect(result).toMatchObject({ ok: true, to: expected })
    }
  })
})

describe('review rules', () => {
  it('never lets authors approve their own work', () => {
    const result = decide({ state: 'pendingFirst', authorId: editorWhoReviews.id }, editorWhoReviews, 'approve')
    expect(result).toEqual({ ok: false, status: 403, message: '不能审核自己撰写的内容' })
  })

  it('needs three different people for one revision', () => {
    const twice: Actor = { id: 10, roles: ['reviewer'], reviewLevel: '2' }
    const item = { state: 'pendingSecond' as const, authorId: 1, approvals: [{ level: 1, userId: 10 }] }
    expect(decide(item, twice, 'approve')).toMatchObject({ ok: false, status: 403 })
  })

  it('lets only the role that writes this kind of content submit it', () => {
    const news = { state: 'draft' as const, authorId: editor.id, authorRole: 'propagandaEditor' as const }
    expect(decide(news, editor, 'submit')).toMatchObject({ ok: true, to: 'pendingFirst' })
    expect(decide(news, curator, 'submit')).toMatchObject({ ok: false, status: 403 })
  })

  it('lets a reviewer, not the author, submit past sensitive words with a reason', () => {
    const item = { state: 'draft' as const, authorId: editorWhoReviews.id, authorRole: 'propagandaEditor' as const }
    expect(decide(item, first, 'submit', { sensitiveOverride: true, reason: '引用原文，不属违规' })).toMatchObject({
      ok: true,
      to: 'pendingFirst',
    })
    expect(decide(item, first, 'submit', { sensitiveOverride: true })).toMatchObject({ ok: false, status: 400 })
    expect(decide(item, editor, 'submit', { sensitiveOverride: true, reason: 'x' })).toMatchObject({ ok: false, status: 403 })
    expect(decide(item, editorWhoReviews, 'submit', { sensitiveOverride: true, reason: 'x' })).toMatchObject({ ok: false, status: 403 })
  })

  it('requires a reason to return or withdraw', () => {
    expect(decide({ state: 'pendingFirst', authorId: 1 }, first, 'return', { reason: '  ' })).toEqual({
      ok: false,
      status: 400,
      message: '退回修改必须填写理由',
    })
    expect(decide({ state: 'published', authorId: 1 }, final, 'withdraw')).toMatchObject({ ok: false, status: 400 })
  })

  it('schedules a final approval with a future time and publishes one in the past', () => {
    const now = new Date('2026-11-21T08:00:00Z')
    const item = { state: 'pendingFinal' as const, authorId: 1 }
    expect(decide(item, final, 'approve', { publishAt: '2026-12-01T00:00:00Z', now })).toMatchObject({ ok: true, to: 'scheduled' })
    expect(decide(item, final, 'approve', { publishAt: '2026-11-01T00:00:00Z', now })).toMatchObject({ ok: true, to: 'published' })
    expect(decide(item, final, 'approve', { publishAt: 'not a date', now })).toMatchObject({ ok: false, status: 400 })
  })
})
