import { expect, test, type APIRequestContext, type Browser, type Page } from '@playwright/test'

import { DEMO_PASSWORD } from '../../seed/people'
import { siteSignIn } from '../helpers/e2e'

/**
 * 发展党员 through the production app server, on phones: a new applicant in 本科生第一党支部 applies
 * with their 入党申请书 (a PDF), the secretary records the talk, the 公示 and the branch committee's
 * decisions, the college its filings and the 集中培训 — whose evidence is the 发展对象培训 course the
 * applicant studied, with its 学时 from the ledger —, the branch meeting votes on phones by secret
 * ballot, and the college approves: the applicant is a probationary member. Steps that only record a
 * date go through the same endpoints the pages call; the rest through the pages, with screenshots.
 * Dates are set back from today so the one-year rule between 积极分子 and 发展对象 is met.
 */
test.use({ viewport: { width: 390, height: 844 } })

const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 }
const phone = async (browser: Browser, email: string, password = DEMO_PASSWORD) => {
  const page = await (await browser.newContext(PHONE)).newPage()
  await siteSignIn(page, email, password)
  return page
}
const day = (daysAgo: number) => new Date(Date.now() + 8 * 3600_000 - daysAgo * 86_400_000).toISOString().slice(0, 10)
const tokenOf = async (request: APIRequestContext, email: string, password = DEMO_PASSWORD) => {
  const res = await request.post('/api/users/login', { data: { email, password } })
  expect(res.ok(), await res.text()).toBe(true)
  return { Authorization: `JWT ${((await res.json()) as { token: string }).token}` }
}
const body = (text: string) => ({
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
        children: [{ type: 'text', text, version: 1, format: 0, detail: 0, mode: 'normal', style: '' }],
      },
    ],
  },
})
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\nxref\n0 3\n0000000000 65535 f \n0000000009 00000 n \n0000000056 00000 n \ntrailer<</Size 3/Root 1 0 R>>\nstartxref\n104\n%%EOF\n',
)

test('an applicant becomes a probationary member: application, 公示, training evidence, a secret branch vote on phones, approval', async ({
  browser,
  request,
}, testInfo) => {
  test.setTimeout(600_000)
  const shot = (p: Page, name: string) => p.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage: true })
  const stamp = Date.now().toString(36)
  const admin = await tokenOf(request, 'sysadmin@demo.edu.cn')
  const secretary = await tokenOf(request, 'secretary@demo.edu.cn')
  const college = await tokenOf(request, 'college@demo.edu.cn')

  // A new person of 本科生第一党支部 (群众), and the 发展对象培训 course: a short article, published through the three reviews.
  const branch = (
    (await (await request.get('/api/organizations?where[code][equals]=B-INFO-UG1&depth=0', { headers: admin })).json()).docs as Array<{
      id: number
    }>
  )[0].id
  const email = `dev-${stamp}@test.edu.cn`
  const created = await request.post('/api/users', {
    headers: admin,
    data: {
      email,
      password: 'Vq7#Lm2$Xr9',
      name: `王一帆${stamp.slice(-2)}`,
      roles: ['member'],
      organization: branch,
      politicalStage: 'masses',
    },
  })
  expect(created.status(), await created.text()).toBe(201)
  const personId = ((await created.json()) as { doc: { id: number } }).doc.id
  const curatorTokens: Record<string, Record<string, string>> = {}
  for (const who of ['curator', 'reviewer1', 'reviewer2', 'reviewer3']) curatorTokens[who] = await tokenOf(request, `${who}@demo.edu.cn`)
  const publish = async (collection: string, data: Record<string, unknown>) => {
    const res = await request.post(`/api/${collection}?draft=true`, { headers: curatorTokens.curator, data })
    expect(res.status(), await res.text()).toBe(201)
    const id = ((await res.json()) as { doc: { id: number } }).doc.id
    for (const [who, action] of [
      ['curator', 'submit'],
      ['reviewer1', 'approve'],
      ['reviewer2', 'approve'],
      ['reviewer3', 'approve'],
    ]) {
      const r = await request.post(`/api/${collection}/${id}/review`, { headers: curatorTokens[who], data: { action } })
      expect(r.status(), `${collection} ${action}: ${await r.text()}`).toBe(200)
    }
    return id
  }
  const lessonId = await publish('micro-lessons', {
    title: `e2e 发展对象培训：党的性质和宗旨 ${stamp}`,
    kind: 'article',
    body: body('中国共产党是中国工人阶级的先锋队，同时是中国人民和中华民族的先锋队。党的根本宗旨是全心全意为人民服务。'),
  })
  const courseTitle = `e2e 发展对象培训班（线上） ${stamp}`
  const courseId = await publish('courses', { title: courseTitle, requirement: 'required', trainingFor: 'target', lessons: [lessonId] })

  // 1. The applicant applies on a phone, with the application as a PDF.
  const applicant = await phone(browser, email, 'Vq7#Lm2$Xr9')
  await applicant.goto('/development')
  await applicant.getByLabel('递交日期').fill(day(800))
  await applicant.getByLabel(/^材料/).setInputFiles({ name: '入党申请书.pdf', mimeType: 'application/pdf', buffer: PDF })
  await applicant.getByRole('button', { name: '递交入党申请' }).click()
  await expect(applicant.getByTestId('dev-result')).toContainText('入党申请书已递交')
  await expect(applicant.getByTestId('my-stage')).toHaveText('入党申请人')
  await shot(applicant, '1-applied')
  const caseId = Number((await applicant.getByRole('link', { name: '查看我的发展档案和下一步' }).getAttribute('href'))!.split('/').pop())
  const me = await tokenOf(request, email, 'Vq7#Lm2$Xr9')
  // Meanwhile the applicant reads the 发展对象培训 lesson on their phone (45 s of reading, credited by heartbeats).
  const reader = await phone(browser, email, 'Vq7#Lm2$Xr9')
  const reading = (async () => {
    await reader.goto(`/lessons/${lessonId}`)
    const until = Date.now() + 45_000
    while (Date.now() < until) {
      await reader.mouse.wheel(0, 400)
      await reader.keyboard.press('End')
      await reader.waitForTimeout(3_000)
    }
    await expect(reader.getByText(/学习进度 (9\d|100)%/)).toBeVisible({ timeout: 15_000 })
  })()

  // 2. The secretary sees the case in the branch pipeline and records the talk on the case page.
  const sec = await phone(browser, 'secretary@demo.edu.cn')
  await sec.goto('/development')
  await expect(sec.getByTestId('pipeline')).toContainText('第 2 步 党组织派人谈话')
  await sec.goto(`/development/${caseId}`)
  await expect(sec.getByTestId('step-1')).toContainText('入党申请书')
  await sec.getByLabel('办理日期').fill(day(790))
  await sec.getByRole('button', { name: '记录第 2 步' }).click()
  await expect(sec.getByTestId('dev-result')).toContainText('第 2 步「党组织派人谈话」已记录')
  // Step 3 waits for its 公示: the secretary posts it.
  await expect(sec.getByTestId('blocked')).toContainText('公示 5 个工作日')
  await sec.getByLabel(/公示开始日期/).fill(day(780))
  await sec.getByRole('button', { name: '发布公示' }).click()
  await expect(sec.getByTestId('dev-result')).toContainText('已发布公示，公示期至')
  await shot(sec, '2-secretary-talk-and-notice')

  // 3–10 by the branch and the college, through the same endpoints (dates a year apart where the rules ask).
  const step = async (who: Record<string, string>, no: number, date: string) => {
    const r = await request.post(`/api/development-cases/${caseId}/steps`, { headers: who, data: { no, date } })
    expect(r.status(), `step ${no}: ${await r.text()}`).toBe(201)
  }
  const notice = async (postedOn: string) => {
    const r = await request.post(`/api/development-cases/${caseId}/notices`, { headers: secretary, data: { postedOn } })
    expect(r.status(), await r.text()).toBe(201)
  }
  await step(secretary, 3, day(760))
  for (const no of [4, 5, 6]) await step(secretary, no, day(750 - no))
  // 发展对象 a day before a full year as an activist is refused, with the day it becomes possible.
  await notice(day(420))
  const early = await request.post(`/api/development-cases/${caseId}/steps`, { headers: secretary, data: { no: 7, date: day(396) } })
  expect(early.status()).toBe(409)
  expect(((await early.json()) as { errors: Array<{ message: string; data: { from: string } }> }).errors[0].data.from).toBe(day(395))
  await step(secretary, 7, day(395))
  for (const no of [8, 9, 10]) await step(secretary, no, day(390 - no))

  // 4. Now a 发展对象, the applicant sees the 发展对象培训 course as 必修 on the home page (and has read it).
  await applicant.goto('/')
  await expect(applicant.getByTestId('home-stage-training')).toContainText(courseTitle)
  await reading
  await applicant.reload()
  await expect(applicant.getByTestId('home-stage-training')).toContainText('已学 1/1 节')
  await shot(applicant, '4-home-required-training')

  // 5. The college sees that training as the evidence of step 11 (集中培训) and records it.
  const col = await phone(browser, 'college@demo.edu.cn')
  await col.goto(`/development/${caseId}`)
  await expect(col.getByTestId('evidence-11')).toContainText(
    new RegExp(`${courseTitle.replace(/[()（）]/g, '.')}（已学 1/1 节，[\\d.]+ 学时）`),
    { timeout: 30_000 },
  )
  // The 学时 are the ledger's credit for the reading, more than nothing.
  await expect(col.getByTestId('evidence-11')).not.toContainText('，0 学时）')
  await col.getByLabel('办理日期').fill(day(300))
  await col.getByRole('button', { name: '记录第 11 步' }).click()
  await expect(col.getByTestId('dev-result')).toContainText('第 11 步「开展集中培训」已记录')
  await shot(col, '5-college-training-evidence')
  await step(secretary, 12, day(290))
  await step(college, 13, day(280))
  await step(me, 14, day(270))
  await notice(day(40))

  // 6. The branch meeting votes on phones: the secretary opens it, three full members vote, the secretary closes it.
  await sec.goto(`/development/${caseId}`)
  await sec.getByRole('button', { name: '开始表决' }).click()
  await expect(sec.getByTestId('dev-result')).toContainText('表决已开始，应到有表决权的正式党员')
  await sec.reload()
  const votePath = await sec.getByRole('link', { name: /表决页面/ }).getAttribute('href')
  await shot(sec, '6-vote-opened')
  const fulls = (
    (
      await (
        await request.get(`/api/users?where[organization][equals]=${branch}&where[politicalStage][equals]=full&limit=20&depth=0`, {
          headers: admin,
        })
      ).json()
    ).docs as Array<{ email: string }>
  ).map((u) => u.email)
  const voters = ['secretary@demo.edu.cn', 'member@demo.edu.cn', ...fulls.filter((e) => e.startsWith('p'))].slice(0, 3)
  for (const [i, who] of voters.entries()) {
    const p = who === 'secretary@demo.edu.cn' ? sec : await phone(browser, who)
    await p.goto(votePath!)
    await p.getByText('赞成', { exact: true }).click()
    await p.getByRole('button', { name: '投票' }).click()
    await expect(p.getByTestId('dev-result')).toContainText('已投票')
    if (i === 1) await shot(p, '6-ballot-cast')
    await p.reload()
    await expect(p.getByTestId('voted')).toBeVisible()
  }
  // A probationary member of the branch has no vote.
  const probationary = (
    (
      await (
        await request.get(`/api/users?where[organization][equals]=${branch}&where[politicalStage][equals]=probationary&limit=1&depth=0`, {
          headers: admin,
        })
      ).json()
    ).docs as Array<{ email: string }>
  )[0].email
  const pm = await phone(browser, probationary)
  await pm.goto(votePath!)
  await expect(pm.getByRole('heading', { level: 1 })).not.toHaveText('支部党员大会表决')
  await sec.goto(`/development/${caseId}`)
  await sec.getByRole('button', { name: '结束表决并计票' }).click()
  await expect(sec.getByTestId('dev-result')).toContainText('通过')
  await sec.reload()
  await expect(sec.getByTestId('case-votes')).toContainText('赞成 3')
  await expect(sec.getByTestId('step-15')).toContainText('已完成')
  await shot(sec, '6-vote-closed')

  // 7. The college: the talk (16) and the approval (17) — the applicant is a probationary member.
  await step(college, 16, day(0))
  await col.goto(`/development/${caseId}`)
  await col.getByRole('button', { name: '记录第 17 步' }).click()
  await expect(col.getByTestId('dev-result')).toContainText('第 17 步「上级党委审批」已记录')
  await shot(col, '7-approved')
  await applicant.goto('/development')
  await expect(applicant.getByTestId('my-stage')).toHaveText('预备党员')
  await applicant.goto(`/development/${caseId}`)
  await expect(applicant.getByTestId('next-step')).toContainText('第 18 步')
  await shot(applicant, '7-applicant-probationary')
  const person = (await (await request.get(`/api/users/${personId}?depth=0`, { headers: admin })).json()) as {
    politicalStage: string
    stageHistory: Array<{ stage: string; source: string }>
  }
  expect(person.politicalStage).toBe('probationary')
  expect(person.stageHistory.filter((h) => h.source === 'case').map((h) => h.stage)).toEqual([
    'applicant',
    'activist',
    'developmentTarget',
    'probationary',
  ])
  void courseId
})
