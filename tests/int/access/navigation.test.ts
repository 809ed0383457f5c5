import { REST_GET } from '@payloadcms/next/routes'
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import config from '../../../payload.config'
import { NAVIGATION } from '../../../src/access/navigation'
import { demoUser, releasePayload, testPayload, type TestUser, tokenFor } from '../../helpers/payload'

/**
 * Each role's admin navigation shows what it works on (src/access/navigation.ts), and reading is
 * refused where it has no business (the auditor and the question bank).
 */
let payload: Payload
const users: Record<string, TestUser> = {}
const ACCOUNTS = ['editor', 'curator', 'reviewer1', 'auditor', 'sysadmin', 'security', 'secretary', 'committee', 'member']

/**
 * The collections and globals of the role table the admin offers this person, by the labels the
 * navigation shows, sorted (collections added later, with their own rules, are not part of it).
 */
const navOf = (user: TestUser) => {
  const visible: string[] = []
  for (const entity of [...payload.config.collections, ...payload.config.globals]) {
    if (!NAVIGATION[entity.slug]) continue
    const hidden = entity.admin?.hidden
    // The admin passes the user as its client has it, without the session list (typed apart from the document's).
    if (hidden === true || (typeof hidden === 'function' && hidden({ user: { ...user, sessions: undefined } }))) continue
    const label = 'labels' in entity && entity.labels ? entity.labels.plural : (entity as { label?: unknown }).label
    visible.push(typeof label === 'object' && label && 'zh' in label ? String((label as { zh: string }).zh) : String(label))
  }
  return visible.sort()
}
const sorted = (labels: string[]) => [...labels].sort()

beforeAll(async () => {
  payload = await testPayload()
  for (const a of ACCOUNTS) users[a] = await demoUser(`${a}@demo.edu.cn`)
})
afterAll(async () => {
  await releasePayload(payload)
})

describe('admin navigation by role', () => {
  it('offers each role what it works on', () => {
    expect(navOf(users.editor)).toEqual(
      sorted(['党建动态', '红色资源库', '媒体库', '学习专题', '审核记录', '推荐记录', '敏感词库', '搜索设置']),
    )
    expect(navOf(users.curator)).toEqual(
      sorted(['课程', '微党课', '测验', '题库', '媒体库', '学习专题', '审核记录', '推荐记录', '敏感词库', '搜索设置']),
    )
    expect(navOf(users.reviewer1)).toEqual(
      sorted(['党建动态', '红色资源库', '课程', '微党课', '测验', '题库', '媒体库', '审核记录', '敏感词库']),
    )
    expect(navOf(users.auditor)).toEqual(sorted(['审计日志']))
    expect(navOf(users.sysadmin)).toEqual(
      sorted(['学习专题', '学习异常标记', '人员', '党组织', '个人信息删除申请', '平台设置', '搜索设置']),
    )
    expect(navOf(users.security)).toEqual(sorted(['敏感词库', '人员', '安全设置']))
    expect(navOf(users.secretary)).toEqual(
      sorted([
        '学习进度',
        '学习日志',
        '学习异常标记',
        '答题记录',
        '学习积分',
        '学时台账',
        '培训登记',
        '组织生活',
        '参会记录',
        '会议纪要',
        '谈心谈话记录',
        '发展档案',
        '发展步骤记录',
        '发展材料',
        '发展公示',
        '支部大会表决',
        '人员',
        '党组织',
      ]),
    )
    expect(navOf(users.committee)).toEqual(
      sorted([
        '学习异常标记',
        '学时台账',
        '培训登记',
        '组织生活',
        '参会记录',
        '会议纪要',
        '督查记录',
        '督查员库',
        '谈心谈话记录',
        '发展档案',
        '发展步骤记录',
        '发展材料',
        '发展公示',
        '支部大会表决',
        '表决参与记录',
        '发展党员本地规则',
        '党组织',
      ]),
    )
  })

  it('none of them is offered 课程, 题库, 人员 or 平台设置 without working on it', () => {
    for (const who of ['editor', 'reviewer1', 'auditor']) {
      const nav = navOf(users[who])
      for (const label of ['人员', '平台设置', '学习进度', '答题记录']) expect(nav, who).not.toContain(label)
    }
    expect(navOf(users.editor)).not.toContain('课程')
    expect(navOf(users.editor)).not.toContain('题库')
    expect(navOf(users.auditor)).not.toContain('题库')
  })
})

describe('question bank reads', () => {
  const get = async (email: string) => {
    const token = await tokenFor(email)
    return REST_GET(config)(new Request('http://localhost/api/questions?limit=1&depth=0', { headers: { Authorization: `JWT ${token}` } }), {
      params: Promise.resolve({ slug: ['questions'] }),
    })
  }

  it('is refused to the three administrators, the auditor first', async () => {
    for (const email of ['auditor@demo.edu.cn', 'sysadmin@demo.edu.cn', 'security@demo.edu.cn'])
      expect((await get(email)).status, email).toBe(403)
    const error = await payload
      .find({ collection: 'questions', user: users.auditor, overrideAccess: false, limit: 1 })
      .catch((e: { status?: number }) => e)
    expect((error as { status?: number }).status).toBe(403)
  })

  it('stays open to those who study or work on quizzes', async () => {
    for (const email of ['member@demo.edu.cn', 'curator@demo.edu.cn', 'reviewer1@demo.edu.cn', 'secretary@demo.edu.cn']) {
      const res = await get(email)
      expect(res.status, email).toBe(200)
      expect(((await res.json()) as { docs: unknown[] }).docs.length, email).toBe(1)
    }
  })
})
