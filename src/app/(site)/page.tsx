import Link from 'next/link'
import React from 'react'

import { PRODUCT_NAME } from '../../brand'
import { getSitePayload, getSiteUser, nameOf } from '../../site/auth'
import { COLLECTION_LABELS, formatDateTime, formatHours, hrefFor, LESSON_KIND_LABELS, REQUIREMENT_LABELS } from '../../site/content'
import { HoursBar } from '../../site/HoursBar'
import { RecommendationLink } from '../../site/RecommendationLink'
import { SearchBox } from '../../site/SearchBox'
import { recommendOnHome, recordImpressions } from '../../search/recommend'
import { dailyQuiz, homeNews, recommendations, titlesOf } from '../../site/queries'
import { Badge, Empty, MiniProgress, NewsList, Section } from '../../site/ui'
import { stageTraining } from '../../development/read'
import { TRAINING_FOR_LABELS } from '../../development/steps'
import { kindLabel } from '../../content/kinds'
import { continueStudying, progressKey, yearHours, type Member } from '../../study/read'
import { nextDailyOpening, quizStatuses } from '../../quiz/status'
import { asPayloadUser } from '../../viewer'

/** Visitors get the landing page (with the latest news); signed-in people get their 首页. */
export default async function HomePage() {
  const user = await getSiteUser()
  return user ? <MemberHome user={user} /> : <Landing />
}

async function Landing() {
  const payload = await getSitePayload()
  const { pinned, latest, covers } = await homeNews(payload, null, 6)
  return (
    <>
      <div className="landing">
        <div className="mark" aria-hidden="true">
          ★
        </div>
        <h1>{PRODUCT_NAME}</h1>
        <p className="lead">党建新闻 · 红色资源 · 课程与微党课 · 学时与答题</p>
        <p>
          <Link className="button" href="/login">
            登录
          </Link>
        </p>
        <p className="note">
          党员、学员登录后即可学习课程、参加答题、查看学时；工作人员也可进入<a href="/admin">管理后台</a>。
        </p>
      </div>
      <div className="container">
        <Section id="news" title="党建动态" more={{ href: '/news', label: '查看全部党建动态' }}>
          <NewsList items={[...pinned, ...latest]} covers={covers} />
        </Section>
        <Section id="resources" title="红色资源库" more={{ href: '/resources', label: '进入红色资源库' }}>
          <p className="muted">文献、图片、视频、红色教育基地、重要会议文件、革命人物与红色建筑，向所有访客开放。</p>
        </Section>
      </div>
    </>
  )
}

async function MemberHome({ user }: { user: Member }) {
  const payload = await getSitePayload()
  // What depends on one read starts as soon as that read is in, not after all of them: each step a
  // page waits for is another turn in a busy server's queue (`npm run load`).
  const continuingRead = continueStudying(payload, user, 5)
  const dailyRead = dailyQuiz(payload, user)
  const [hours, continuing, recommended, news, daily, training, titles, dailyStatus] = await Promise.all([
    yearHours(payload, user),
    continuingRead,
    // Meilisearch recommendations with reasons; the plain newest-in-my-themes list if it is down.
    recommendOnHome({ user: asPayloadUser(user), payload, context: {} }, 6)
      .then(async (items) => {
        await recordImpressions({ user: asPayloadUser(user), payload, context: {} }, items).catch(() => undefined)
        return { items, fallback: null }
      })
      .catch(async () => ({ items: [], fallback: await recommendations(payload, user, 6) })),
    homeNews(payload, user, 6),
    dailyRead,
    // 党校 training of the person's stage (入党积极分子、发展对象、预备党员): 必修 here (issue 17 §4).
    stageTraining(payload, user),
    continuingRead.then((rows) => titlesOf(payload, user, rows)),
    // Today's daily quiz done: its score and when the next opens, not another 开始今日答题.
    dailyRead.then(async (quiz) => (quiz ? (await quizStatuses(payload, Number(user.id), [quiz])).get(quiz.id) : undefined)),
  ])
  const dailyDone = dailyStatus?.left === 0 ? dailyStatus.latest : null
  const continueItems = continuing.filter((r) => titles.has(progressKey(r.collection, r.itemId)))
  return (
    <div className="container">
      <div className="page-title">
        <h1>首页</h1>
        <p className="lead">{nameOf(user)}，你好！今天也来学一点吧。</p>
      </div>
      <SearchBox />

      <div className="home-top">
        <HoursBar {...hours} />

        <section className="card daily" aria-labelledby="daily-quiz">
          <h2 id="daily-quiz" className="card__title">
            今日答题
          </h2>
          {daily && dailyDone ? (
            <>
              <p className="daily__done">
                今日答题已完成 · 得分 <strong>{dailyDone.score}</strong> 分
              </p>
              <p className="muted small">下一次每日答题将于 {formatDateTime(nextDailyOpening(new Date()).toISOString())} 开放。</p>
              <Link className="button button--small button--ghost" href={`/quizzes/${daily.id}`}>
                查看今日结果
              </Link>
            </>
          ) : daily ? (
            <>
              <p>{daily.summary || '每天几道题，巩固所学。'}</p>
              <Link className="button button--small" href={`/quizzes/${daily.id}`}>
                开始今日答题
              </Link>
            </>
          ) : (
            <p className="muted">今天暂无每日答题。</p>
          )}
        </section>
      </div>

      {training?.courses.length ? (
        <Section
          id="stage-training"
          title={`党校培训 · ${TRAINING_FOR_LABELS[training.kind].zh}`}
          more={{ href: '/development', label: '我的入党历程' }}
        >
          <ul className="list" data-testid="home-stage-training">
            {training.courses.map((c) => (
              <li className="list__item" key={c.id}>
                <Link href={`/courses/${c.id}`}>
                  <span className="list__title">
                    <Badge tone="red">必修</Badge> {c.title}
                  </span>
                  <span className="list__meta">
                    已学 {c.completed}/{c.lessons} 节 · {formatHours(c.hours)} 学时
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        </Section>
      ) : null}

      <Section id="continue" title="继续学习" more={{ href: '/me', label: '我的学习记录' }}>
        {continueItems.length ? (
          <ul className="list">
            {continueItems.map((r) => (
              <li key={progressKey(r.collection, r.itemId)} className="list__item">
                <Link href={hrefFor(r.collection, r.itemId)} className="list__link">
                  <span className="list__title">{titles.get(progressKey(r.collection, r.itemId))}</span>
                  <span className="list__meta">
                    {COLLECTION_LABELS[r.collection]} · 已学 {Math.round(r.percent)}%
                  </span>
                  <MiniProgress percent={r.percent} label="学习进度" />
                </Link>
              </li>
            ))}
          </ul>
        ) : (
          <Empty>
            还没有未学完的内容，去<Link href="/courses">课程</Link>看看吧。
          </Empty>
        )}
      </Section>

      <Section id="recommended" title="为你推荐" more={{ href: '/courses', label: '全部课程' }}>
        {recommended.items.length ? (
          <ul className="cards recommendations">
            {recommended.items.map((r, i) => (
              <li key={r.id} className="card card--link">
                <RecommendationLink href={hrefFor(r.collection, r.itemId)} collection={r.collection} itemId={r.itemId} position={i + 1}>
                  <span className="card__kicker">
                    {kindLabel(r.collection)}
                    {r.themes[0] ? ` · ${r.themes[0]}` : ''}
                  </span>
                  <span className="card__heading">{r.title}</span>
                  <span className="card__summary recommendation__reason">{r.reason}</span>
                </RecommendationLink>
              </li>
            ))}
          </ul>
        ) : recommended.fallback?.length ? (
          <ul className="cards">
            {recommended.fallback.map((r) => (
              <li key={`${r.collection}:${r.doc.id}`} className="card card--link">
                <Link href={hrefFor(r.collection, r.doc.id)}>
                  <span className="card__kicker">
                    {r.collection === 'courses' ? (
                      <>
                        课程 · {REQUIREMENT_LABELS[r.doc.requirement]} · {formatHours(r.doc.totalCreditHours)} 学时
                      </>
                    ) : (
                      <>
                        微党课 · {LESSON_KIND_LABELS[r.doc.kind]} · {r.doc.durationMinutes} 分钟 · {formatHours(r.doc.creditHours)} 学时
                      </>
                    )}
                  </span>
                  <span className="card__heading">{r.doc.title}</span>
                  {r.doc.summary ? <span className="card__summary">{r.doc.summary}</span> : null}
                </Link>
              </li>
            ))}
          </ul>
        ) : (
          <Empty>暂无推荐内容。</Empty>
        )}
      </Section>

      <Section id="news" title="党建动态" more={{ href: '/news', label: '查看全部党建动态' }}>
        <NewsList items={[...news.pinned, ...news.latest]} covers={news.covers} />
      </Section>

      <p className="quick-links">
        <Link href="/resources">红色资源库</Link>
        <Link href="/quizzes/wrong">错题本</Link>
        <Link href="/me">学习积分与证书</Link>
      </p>
    </div>
  )
}
