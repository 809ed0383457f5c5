import type { Payload } from 'payload'

import { blocksToLexical } from '../../src/content/lexical'
import { reviewAs, type ReviewRequest } from '../../src/workflow/review'
import type { ReviewedCollection } from '../../src/workflow/config'
import { demoUser, unique, type TestUser } from './payload'

export const body = (...paragraphs: string[]) => blocksToLexical(paragraphs.map((p) => ({ p })))

/** A draft news item written by the demo editor through the Local API, as the editor. */
export const draftNews = async (payload: Payload, extra: Record<string, unknown> = {}) => {
  const editor = await demoUser('editor@demo.edu.cn')
  return payload.create({
    collection: 'news',
    draft: true,
    user: editor,
    overrideAccess: false,
    depth: 0,
    data: { title: unique('测试新闻'), column: 'grassroots', body: body('支部开展主题党日活动。'), ...extra },
  })
}

export type Reviewers = { editor: TestUser; r1: TestUser; r2: TestUser; r3: TestUser; curator: TestUser }
export const reviewers = async (): Promise<Reviewers> => ({
  editor: await demoUser('editor@demo.edu.cn'),
  curator: await demoUser('curator@demo.edu.cn'),
  r1: await demoUser('reviewer1@demo.edu.cn'),
  r2: await demoUser('reviewer2@demo.edu.cn'),
  r3: await demoUser('reviewer3@demo.edu.cn'),
})

export const act = (
  payload: Payload,
  user: TestUser,
  collection: ReviewedCollection,
  id: number | string,
  rest: Omit<ReviewRequest, 'collection' | 'id'>,
) => reviewAs(payload, user, { collection, id, ...rest })

/** Submit by the author, then the three approvals. */
export const publishThrough = async (
  payload: Payload,
  who: Reviewers,
  collection: ReviewedCollection,
  id: number | string,
  author = who.editor,
) => {
  await act(payload, author, collection, id, { action: 'submit' })
  await act(payload, who.r1, collection, id, { action: 'approve' })
  await act(payload, who.r2, collection, id, { action: 'approve' })
  return act(payload, who.r3, collection, id, { action: 'approve' })
}
