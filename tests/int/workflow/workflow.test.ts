import { GRAPHQL_POST, REST_GET, REST_POST } from '@payloadcms/next/routes'
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import config from '../../../payload.config'
import type { ReviewAction, ReviewState } from '../../../src/workflow/transitions'
import { act, body, draftNews, publishThrough, reviewers, type Reviewers } from '../../helpers/content'
import {
  demoUser,
  personData,
  rejectsWithStatus,
  releasePayload,
  testPayload,
  type TestUser,
  tokenFor,
  unique,
} from '../../helpers/payload'

let payload: Payload
let who: Reviewers
const people: Record<string, TestUser> = {}
const ROLES = ['editor', 'curator', 'reviewer1', 'reviewer2', 'reviewer3', 'member', 'sysadmin', 'security', 'auditor'] as const
type RoleName = (typeof ROLES)[number]

beforeAll(async () => {
  payload = await testPayload()
  who = await reviewers()
  for (const r of ROLES) people[r] = await demoUser(`${r}@demo.edu.cn`)
})
afterAll(async () => {
  await releasePayload(payload)
})

const latest = (id: number | string) => payload.findByID({ collection: 'news', id, draft: true, depth: 0 })

/** A news item in the given state, reached through the real transitions. */
const newsIn = async (state: ReviewState) => {
  const doc = await draftNews(payload)
  const steps: Array<[TestUser, ReviewAction, string?]> = []
  if (state !== 'draft') steps.push([who.editor, 'submit'])
  if (['pendingSecond', 'pendingFinal', 'published'].includes(state)) steps.push([who.r1, 'approve'])
  if (['pendingFinal', 'published'].includes(state)) steps.push([who.r2, 'approve'])
  if (state === 'published') steps.push([who.r3, 'approve'])
  if (state === 'returned') steps.push([who.r1, 'return', '请补充活动时间'])
  for (const [user, action, reason] of steps) await act(payload, user, 'news', doc.id, { action, reason })
  expect((await latest(doc.id)).reviewState).toBe(state)
  return doc.id
}

// For each state: each role's result for [submit, approve, return, withdraw] on a news item
// written by the demo editor. A state name = allowed (the item moves there); a number = refused.
// Members and administrators cannot even see unpublished items (404).
const hidden = [404, 404, 404, 404]
const TABLE: Record<
  'draft' | 'pendingFirst' | 'pendingSecond' | 'pendingFinal' | 'published' | 'returned',
  Record<RoleName, Array<ReviewState | number>>
> = {
  draft: {
    editor: ['pendingFirst', 409, 409, 409],
    curator: [403, 409, 409, 409],
    reviewer1: [403, 409, 409, 409],
    reviewer2: [403, 409, 409, 409],
    reviewer3: [403, 409, 409, 409],
    member: hidden,
    sysadmin: hidden,
    security: hidden,
    auditor: hidden,
  },
  pendingFirst: {
    editor: [409, 403, 403, 409],
    curator: [403, 403, 403, 409],
    reviewer1: [403, 'pendingSecond', 'returned', 409],
    reviewer2: [403, 403, 403, 409],
    reviewer3: [403, 403, 403, 409],
    member: hidden,
    sysadmin: hidden,
    security: hidden,
    auditor: hidden,
  },
  pendingSecond: {
    editor: [409, 403, 403, 409],
    curator: [403, 403, 403, 409],
    reviewer1: [403, 403, 403, 409],
    reviewer2: [403, 'pendingFinal', 'returned', 409],
    reviewer3: [403, 403, 403, 409],
    member: hidden,
    sysadmin: hidden,
    security: hidden,
    auditor: hidden,
  },
  pendingFinal: {
    editor: [409, 403, 403, 409],
    curator: [403, 403, 403, 409],
    reviewer1: [403, 403, 403, 409],
    reviewer2: [403, 403, 403, 409],
    reviewer3: [403, 'published', 'returned', 409],
    member: hidden,
    sysadmin: hidden,
    security: hidden,
    auditor: hidden,
  },
  published: {
    editor: ['pendingFirst', 409, 409, 403],
    curator: [403, 409, 409, 403],
    reviewer1: [403, 409, 409, 403],
    reviewer2: [403, 409, 409, 403],
    reviewer3: [403, 409, 409, 'withdrawn'],
    member: [403, 409, 409, 403],
    sysadmin: [403, 409, 409, 403],
    security: [403, 409, 409, 403],
    auditor: [403, 409, 409, 403],
  },
  returned: {
    editor: ['pendingFirst', 409, 409, 409],
    curator: [403, 409, 409, 409],
    reviewer1: [403, 409, 409, 409],
    reviewer2: [403, 409, 409, 409],
    reviewer3: [403, 409, 409, 409],
    member: hidden,
    sysadmin: hidden,
    security: hidden,
    auditor: hidden,
  },
}
const ACTIONS: ReviewAction[] = ['submit', 'approve', 'return', 'withdraw']

describe('every transition, allowed and refused, per role', () => {
  for (const [state, byRole] of Object.entries(TABLE) as Array<[ReviewState, Record<RoleName, Array<ReviewState | number>>]>) {
    it(`from ${state}`, async () => {
      const shared = await newsIn(state)
      for (const role of ROLES) {
        for (const [i, action] of ACTIONS.entries()) {
          const expected = byRole[role][i]
          const input = { action, reason: '核对后处理' }
          if (typeof expected === 'number') {
            await rejectsWithStatus(act(payload, people[role], 'news', shared, input), expected).catch((e) => {
              throw new Error(`${state}: ${role} ${action}: ${(e as Error).message}`)
            })
          } else {
            const fresh = await newsIn(state)
            const result = await act(payload, people[role], 'news', fresh, input)
            expect(result, `${state}: ${role} ${action}`).toMatchObject({ from: state, to: expected })
            expect((await latest(fresh)).reviewState).toBe(expected)
          }
        }
      }
      // Refusals changed nothing.
      expect((await latest(shared)).reviewState).toBe(state)
    })
  }

  it('writes an immutable review-log row for each transition', async () => {
    const id = await newsIn('published')
    const { docs } = await payload.find({
      collection: 'review-logs',
      where: { itemId: { equals: String(id) } },
      sort: 'createdAt',
      depth: 0,
    })
    expect(docs.map((d) => [d.action, d.fromState, d.toState, d.actorName])).toEqual([
      ['submit', 'draft', 'pendingFirst', '王雪梅'],
      ['approve', 'pendingFirst', 'pendingSecond', '赵文静'],
      ['approve', 'pendingSecond', 'pendingFinal', '钱志强'],
      ['approve', 'pendingFinal', 'published', '孙立新'],
    ])
    await rejectsWithStatus(payload.update({ collection: 'review-logs', id: docs[0].id, data: { reason: 'x' } }), 403)
    await rejectsWithStatus(payload.delete({ collection: 'review-logs', id: docs[0].id }), 403)
    await rejectsWithStatus(
      payload.create({
        collection: 'review-logs',
        user: who.r1,
        overrideAccess: false,
        data: {
          itemCollection: 'news',
          itemId: '1',
          itemTitle: 'x',
          action: 'submit',
          fromState: 'draft',
          toState: 'pendingFirst',
          actorName: 'x',
        },
      }),
      403,
    )
  })
})

describe('four eyes', () => {
  it('nobody reviews what they wrote', async () => {
    const both = await payload.create({
      collection: 'users',
      data: personData('编审一体', { roles: ['propagandaEditor', 'reviewer'], reviewLevel: '1' }),
    })
    const user = { ...both, collection: 'users' } as TestUser
    const doc = await payload.create({
      collection: 'news',
      draft: true,
      user,
      overrideAccess: false,
      data: { title: unique('自撰'), column: 'notices', body: body('通知。') },
    })
    await act(payload, user, 'news', doc.id, { action: 'submit' })
    const error = await rejectsWithStatus(act(payload, user, 'news', doc.id, { action: 'approve' }), 403)
    expect(error.message).toBe('不能审核自己撰写的内容')
  })

  it('nobody approves one revision at two levels', async () => {
    const reviewer = await payload.create({
      collection: 'users',
      data: personData('升级审核员', { roles: ['reviewer'], reviewLevel: '1' }),
    })
    const id = await newsIn('pendingFirst')
    await act(payload, { ...reviewer, collection: 'users' } as TestUser, 'news', id, { action: 'approve' })
    const promoted = await payload.update({ collection: 'users', id: reviewer.id, data: { reviewLevel: '2' } })
    const error = await rejectsWithStatus(
      act(payload, { ...promoted, collection: 'users' } as TestUser, 'news', id, { action: 'approve' }),
      403,
    )
    expect(error.message).toMatch(/同一审核员/)
  })
})

describe('returning and the author', () => {
  it('needs a reason, which the author then reads', async () => {
    const id = await newsIn('pendingFirst')
    const error = await rejectsWithStatus(act(payload, who.r1, 'news', id, { action: 'return', reason: '  ' }), 400)
    expect(error.message).toBe('退回修改必须填写理由')
    await act(payload, who.r1, 'news', id, { action: 'return', reason: '标题与正文不符，请修改' })

    const mine = await payload.findByID({ collection: 'news', id, draft: true, user: who.editor, overrideAccess: false, depth: 0 })
    expect(mine).toMatchObject({ reviewState: 'returned', reviewNote: '标题与正文不符，请修改' })
    const logs = await payload.find({
      collection: 'review-logs',
      user: who.editor,
      overrideAccess: false,
      where: { itemId: { equals: String(id) } },
      depth: 0,
    })
    expect(logs.docs.find((d) => d.action === 'return')?.reason).toBe('标题与正文不符，请修改')
    // Members read no review log at all.
    await rejectsWithStatus(payload.find({ collection: 'review-logs', user: people.member, overrideAccess: false }), 403)
  })
})

describe('the live version while a revision is reviewed', () => {
  it('stays unchanged for members and visitors until the revision is approved; every published version is kept', async () => {
    const doc = await draftNews(payload, { title: unique('初版标题') })
    await publishThrough(payload, who, 'news', doc.id)
    const firstTitle = doc.title

    const revised = unique('修订标题')
    await payload.update({ collection: 'news', id: doc.id, draft: true, user: who.editor, overrideAccess: false, data: { title: revised } })
    await act(payload, who.editor, 'news', doc.id, { action: 'submit' })
    await act(payload, who.r1, 'news', doc.id, { action: 'approve' })

    const asMember = await payload.findByID({ collection: 'news', id: doc.id, user: people.member, overrideAccess: false, depth: 0 })
    expect(asMember.title).toBe(firstTitle)
    // Asking for drafts does not reveal the revision to a member either.
    const draftAsMember = await payload.find({
      collection: 'news',
      draft: true,
      user: people.member,
      overrideAccess: false,
      where: { id: { equals: doc.id } },
    })
    expect(draftAsMember.docs.map((d) => d.title)).not.toContain(revised)
    const res = await REST_GET(config)(new Request(`http://localhost/api/news/${doc.id}?depth=0`), {
      params: Promise.resolve({ slug: ['news', String(doc.id)] }),
    })
    expect((await res.json()).title).toBe(firstTitle)

    // Editing while in review is refused; so is publishing by saving, and touching workflow fields.
    await rejectsWithStatus(
      payload.update({ collection: 'news', id: doc.id, draft: true, user: who.editor, overrideAccess: false, data: { title: 'x' } }),
      409,
    )

    await act(payload, who.r2, 'news', doc.id, { action: 'approve' })
    await act(payload, who.r3, 'news', doc.id, { action: 'approve' })
    const after = await payload.findByID({ collection: 'news', id: doc.id, user: people.member, overrideAccess: false, depth: 0 })
    expect(after.title).toBe(revised)

    const versions = await payload.findVersions({
      collection: 'news',
      where: { parent: { equals: doc.id }, 'version._status': { equals: 'published' } },
      depth: 0,
      limit: 0,
    })
    const titles = versions.docs.map((v) => v.version.title)
    expect(titles).toContain(firstTitle)
    expect(titles).toContain(revised)
  })

  it('refuses publishing by saving, non-draft edits and workflow-field writes on every API', async () => {
    const id = await newsIn('published')
    const editor = { user: who.editor, overrideAccess: false as const }
    await rejectsWithStatus(payload.update({ collection: 'news', id, ...editor, data: { title: 'x', _status: 'published' } }), 403)
    // A non-draft save would overwrite the live version.
    const live = await rejectsWithStatus(payload.update({ collection: 'news', id, ...editor, data: { title: 'x' } }), 403)
    expect(live.message).toMatch(/修改请保存为草稿/)
    const fields = await rejectsWithStatus(
      payload.update({
        collection: 'news',
        id,
        draft: true,
        ...editor,
        data: { reviewState: 'pendingFinal', publishedAt: '2020-01-01T00:00:00.000Z' },
      }),
      403,
    )
    expect(fields.message).toMatch(/审核状态、发布时间/)
    // Even server code without a user cannot publish a draft around the review.
    const draft = await draftNews(payload)
    await rejectsWithStatus(payload.update({ collection: 'news', id: draft.id, data: { _status: 'published' } }), 403)
    // Nor take a live item offline by saving it as a non-draft.
    await rejectsWithStatus(payload.update({ collection: 'news', id, ...editor, data: { _status: 'draft' } }), 403)
    expect((await payload.findByID({ collection: 'news', id, depth: 0 }))._status).toBe('published')
    await rejectsWithStatus(
      // @ts-expect-error sent as a client would, without reviewState (the type asks for it because it has a default)
      payload.create({ collection: 'news', data: { title: 'x', column: 'notices', body: body('x'), _status: 'published' } }),
      403,
    )

    const token = await tokenFor('editor@demo.edu.cn')
    const gql = await GRAPHQL_POST(config)(
      new Request('http://localhost/api/graphql', {
        method: 'POST',
        headers: { Authorization: `JWT ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({
          query: `mutation { updateNews(id: ${draft.id}, data: { title: "绕过", _status: published }) { id _status } }`,
        }),
      }),
    )
    const json = await gql.json()
    expect(json.errors?.[0]?.extensions?.statusCode ?? json.errors?.[0]?.status ?? 403).toBe(403)
    expect(json.data?.updateNews ?? null).toBeNull()
    expect((await latest(draft.id))._status).toBe('draft')
  })

  it('refuses to delete live or in-review items', async () => {
    const id = await newsIn('pendingSecond')
    await rejectsWithStatus(payload.delete({ collection: 'news', id, user: who.editor, overrideAccess: false }), 409)
    const draft = await draftNews(payload)
    await payload.delete({ collection: 'news', id: draft.id, user: who.editor, overrideAccess: false })
  })
})

describe('the review endpoint', () => {
  const post = (id: number | string, payloadBody: unknown, token?: string) =>
    REST_POST(config)(
      new Request(`http://localhost/api/news/${id}/review`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `JWT ${token}` } : {}) },
        body: JSON.stringify(payloadBody),
      }),
      { params: Promise.resolve({ slug: ['news', String(id), 'review'] }) },
    )

  it('moves an item for the signed-in user and refuses with a reason', async () => {
    const doc = await draftNews(payload)
    expect((await post(doc.id, { action: 'submit' })).status).toBe(401)
    const editorToken = await tokenFor('editor@demo.edu.cn')
    const bad = await post(doc.id, { action: 'publish' }, editorToken)
    expect(bad.status).toBe(400)
    expect((await bad.json()).errors[0].message).toMatch(/action/)
    const ok = await post(doc.id, { action: 'submit' }, editorToken)
    expect(ok.status).toBe(200)
    expect(await ok.json()).toMatchObject({ from: 'draft', to: 'pendingFirst' })
    const wrongLevel = await post(doc.id, { action: 'approve' }, await tokenFor('reviewer2@demo.edu.cn'))
    expect(wrongLevel.status).toBe(403)
    expect((await wrongLevel.json()).errors[0].message).toBe('需要初审级别的审核员')
  })
})

describe('scheduled publishing', () => {
  it('fires through the jobs queue at the chosen time, not before', async () => {
    const id = await newsIn('pendingFinal')
    // Far enough ahead that a slow machine still runs the first queue pass before the time.
    const at = new Date(Date.now() + 6000)
    const result = await act(payload, who.r3, 'news', id, { action: 'approve', publishAt: at.toISOString() })
    expect(result.to).toBe('scheduled')
    await payload.jobs.run({ queue: 'default' })
    expect((await latest(id)).reviewState).toBe('scheduled')
    await rejectsWithStatus(payload.findByID({ collection: 'news', id, user: people.member, overrideAccess: false }), 404)

    await new Promise((r) => setTimeout(r, Math.max(0, at.getTime() - Date.now()) + 300))
    await payload.jobs.run({ queue: 'default' })
    const live = await payload.findByID({ collection: 'news', id, user: people.member, overrideAccess: false, depth: 0 })
    expect(live).toMatchObject({ _status: 'published', reviewState: 'published' })
    const logs = await payload.find({
      collection: 'review-logs',
      where: { itemId: { equals: String(id) }, action: { equals: 'publish' } },
      depth: 0,
    })
    expect(logs.docs[0]).toMatchObject({ fromState: 'scheduled', toState: 'published', actorName: '系统' })
  })

  it('is cancelled when the item is withdrawn first', async () => {
    const id = await newsIn('pendingFinal')
    const at = new Date(Date.now() + 1000)
    await act(payload, who.r3, 'news', id, { action: 'approve', publishAt: at.toISOString() })
    await act(payload, who.r3, 'news', id, { action: 'withdraw', reason: '活动延期' })
    await new Promise((r) => setTimeout(r, 1300))
    await payload.jobs.run({ queue: 'default' })
    expect(await latest(id)).toMatchObject({ reviewState: 'withdrawn', _status: 'draft' })
  })
})

describe('sensitive words before submission', () => {
  it('block the author with each hit in context; a reviewer may override with a logged reason', async () => {
    const doc = await draftNews(payload, { summary: '招募志愿者', body: body('近期有人在群里发布代考广告，请同学们提高警惕。') })
    const error = (await rejectsWithStatus(act(payload, who.editor, 'news', doc.id, { action: 'submit' }), 422)) as Error & {
      data?: { hits: Array<{ word: string; field: string; context: string }> }
    }
    expect(error.message).toMatch(/代考/)
    expect(error.data?.hits).toEqual([
      expect.objectContaining({ word: '代考', field: 'body', context: expect.stringContaining('发布代考广告') }),
    ])
    expect((await latest(doc.id)).reviewState).toBe('draft')

    await rejectsWithStatus(act(payload, who.r1, 'news', doc.id, { action: 'submit', sensitiveOverride: true }), 400)
    await act(payload, who.r1, 'news', doc.id, { action: 'submit', sensitiveOverride: true, reason: '提醒防骗，属正当使用' })
    expect((await latest(doc.id)).reviewState).toBe('pendingFirst')
    const log = await payload.find({ collection: 'review-logs', where: { itemId: { equals: String(doc.id) } }, depth: 0 })
    expect(log.docs[0]).toMatchObject({ action: 'submit', actorName: '赵文静', reason: '忽略敏感词提示：提醒防骗，属正当使用' })
    expect(log.docs[0].sensitiveHits).toEqual([expect.objectContaining({ word: '代考' })])
  })
})

describe('rich text links', () => {
  it('refuses javascript: and other schemes, keeps http(s) and mailto', async () => {
    const link = (url: string) => ({
      root: {
        type: 'root',
        version: 1,
        direction: 'ltr',
        format: '',
        indent: 0,
        children: [
          {
            type: 'paragraph',
            version: 1,
            direction: 'ltr',
            format: '',
            indent: 0,
            children: [
              {
                type: 'link',
                version: 3,
                fields: { url, linkType: 'custom', newTab: false },
                direction: 'ltr',
                format: '',
                indent: 0,
                children: [{ type: 'text', text: '点击', version: 1, format: 0, detail: 0, mode: 'normal', style: '' }],
              },
            ],
          },
        ],
      },
    })
    for (const url of [
      'javascript:alert(1)',
      'JavaScript:alert(1)',
      'java\tscript:alert(1)',
      'data:text/html,<script>x</script>',
      'vbscript:x',
    ]) {
      await rejectsWithStatus(draftNews(payload, { body: link(url) }), 400)
    }
    for (const url of ['https://www.12371.cn/', 'mailto:dangwei@demo.edu.cn', '/news']) {
      const doc = await draftNews(payload, { body: link(url) })
      expect(doc.id).toBeDefined()
    }
  })
})
