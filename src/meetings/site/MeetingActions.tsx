'use client'

import { useRouter } from 'next/navigation'
import React, { useEffect, useState } from 'react'

import { messageOf } from '../../site/clientUtil'

type Outcome = { ok: boolean; message: string } | null

/** What these forms read from an answer: the sign-in's message, a created meeting, the inspectors drawn. */
type Reply = { message?: unknown; doc?: { id?: number | string }; drawn?: Array<{ topic: string; inspector: string }> } | null

/** One JSON request to the API; the outcome as a message a person can act on. */
const send = async (
  method: 'POST' | 'PATCH',
  url: string,
  body: unknown,
  okMessage: string,
): Promise<{ ok: boolean; message: string; json: Reply }> => {
  try {
    const res = await fetch(url, {
      method,
      credentials: 'include',
      headers: { 'Content-Type': 'application/json', 'Accept-Language': 'zh' },
      body: JSON.stringify(body),
    })
    const json: Reply = await res.json().catch(() => null)
    if (!res.ok) return { ok: false, message: messageOf(json, '提交失败，请稍后再试'), json }
    return { ok: true, message: json && typeof json.message === 'string' && url.endsWith('/sign-in') ? json.message : okMessage, json }
  } catch {
    return { ok: false, message: '网络连接失败，请检查网络后重试', json: null }
  }
}

const Result = ({ outcome }: { outcome: Outcome }) =>
  outcome ? (
    <p className={outcome.ok ? 'form__ok' : 'form__error'} role={outcome.ok ? 'status' : 'alert'}>
      {outcome.message}
    </p>
  ) : null

function useAction() {
  const router = useRouter()
  const [busy, setBusy] = useState(false)
  const [outcome, setOutcome] = useState<Outcome>(null)
  const run = async (method: 'POST' | 'PATCH', url: string, body: unknown, okMessage: string) => {
    setBusy(true)
    setOutcome(null)
    const r = await send(method, url, body, okMessage)
    setOutcome({ ok: r.ok, message: r.message })
    setBusy(false)
    if (r.ok) router.refresh()
    return r
  }
  return { busy, outcome, run }
}

/** 请假: the member's own request, before the meeting starts. */
export function LeaveForm({ meetingId, memberId }: { meetingId: number; memberId: number }) {
  const { busy, outcome, run } = useAction()
  return (
    <form
      className="form card"
      onSubmit={async (e) => {
        e.preventDefault()
        const reason = String(new FormData(e.currentTarget).get('reason') ?? '').trim()
        await run(
          'POST',
          '/api/meeting-attendance',
          { meeting: meetingId, member: memberId, status: 'leaveRequested', reason },
          '已提交请假申请，等待支部书记批准',
        )
      }}
    >
      <div className="field">
        <label htmlFor="leave-reason">请假理由</label>
        <input id="leave-reason" name="reason" maxLength={200} placeholder="如：赴外地出差" />
      </div>
      <button className="button" type="submit" disabled={busy}>
        提交请假
      </button>
      <Result outcome={outcome} />
    </form>
  )
}

/** The secretary approves or refuses a leave request. */
export function LeaveDecision({ attendanceId }: { attendanceId: number }) {
  const { busy, outcome, run } = useAction()
  return (
    <span className="inline-actions">
      <button
        className="button button--small"
        type="button"
        disabled={busy}
        onClick={() => run('PATCH', `/api/meeting-attendance/${attendanceId}`, { status: 'leave' }, '已批准请假')}
      >
        批准
      </button>
      <button
        className="button button--small button--ghost"
        type="button"
        disabled={busy}
        onClick={() => run('PATCH', `/api/meeting-attendance/${attendanceId}`, { status: 'leaveRefused' }, '已不予批准')}
      >
        不批准
      </button>
      <Result outcome={outcome} />
    </span>
  )
}

/** The recorder marks a member present by hand, with a reason (a phone that cannot scan, say). */
export function MarkPresent({ meetingId, memberId }: { meetingId: number; memberId: number }) {
  const { busy, outcome, run } = useAction()
  const [open, setOpen] = useState(false)
  if (!open)
    return (
      <button className="button button--small button--ghost" type="button" onClick={() => setOpen(true)}>
        补记到会
      </button>
    )
  return (
    <form
      className="inline-form"
      onSubmit={async (e) => {
        e.preventDefault()
        const reason = String(new FormData(e.currentTarget).get('reason') ?? '').trim()
        await run('POST', '/api/meeting-attendance', { meeting: meetingId, member: memberId, status: 'present', reason }, '已补记')
      }}
    >
      <input name="reason" aria-label="补记理由" placeholder="补记理由（必填）" maxLength={200} />
      <button className="button button--small" type="submit" disabled={busy}>
        确定
      </button>
      <Result outcome={outcome} />
    </form>
  )
}

/** The college committee approves a plan or returns it with a reason. */
/** 退回 with its reason (required): a button that opens the reason field. */
function ReturnForm({
  busy,
  onReturn,
  label = '',
  button = '退回',
}: {
  busy: boolean
  onReturn: (reason: string) => unknown
  label?: string
  button?: string
}) {
  const [returning, setReturning] = useState(false)
  return returning ? (
    <form
      className="inline-form"
      onSubmit={async (e) => {
        e.preventDefault()
        await onReturn(String(new FormData(e.currentTarget).get('reason') ?? '').trim())
      }}
    >
      <input name="reason" aria-label={`${label}退回理由`} placeholder="退回理由（必填）" maxLength={200} />
      <button className="button button--small button--ghost" type="submit" disabled={busy}>
        确认退回
      </button>
    </form>
  ) : (
    <button className="button button--small button--ghost" type="button" onClick={() => setReturning(true)}>
      {button}
    </button>
  )
}

export function PlanReview({ meetingId }: { meetingId: number }) {
  const { busy, outcome, run } = useAction()
  return (
    <div className="inline-actions">
      <button
        className="button button--small"
        type="button"
        disabled={busy}
        onClick={() => run('PATCH', `/api/meetings/${meetingId}`, { status: 'approved' }, '已批准')}
      >
        批准
      </button>
      <ReturnForm
        busy={busy}
        onReturn={(reason) => run('PATCH', `/api/meetings/${meetingId}`, { status: 'returned', returnReason: reason }, '已退回')}
      />
      <Result outcome={outcome} />
    </div>
  )
}

/**
 * A month's plan at once (POST /api/meetings/plan): the secretary sends its drafts to review, or the
 * college approves or returns all of a branch's plans for the month, with one reason.
 */
export function PlanBatch({ period, label, count, branch }: { period: string; label: string; count: number; branch?: number }) {
  const { busy, outcome, run } = useAction()
  if (branch === undefined)
    return (
      <div className="inline-actions" data-testid="plan-batch">
        <button
          className="button button--small"
          type="button"
          disabled={busy}
          onClick={() => run('POST', '/api/meetings/plan', { period, action: 'submit' }, `${label}计划已报院级党委审核`)}
        >
          报送{label}计划（{count} 项）
        </button>
        <Result outcome={outcome} />
      </div>
    )
  return (
    <div className="inline-actions" data-testid="plan-batch">
      <button
        className="button button--small"
        type="button"
        disabled={busy}
        onClick={() => run('POST', '/api/meetings/plan', { period, branch, action: 'approve' }, `${label}计划已全部批准`)}
      >
        批准{label}全部 {count} 项
      </button>
      <ReturnForm
        busy={busy}
        label={`${label}计划`}
        button="整月退回"
        onReturn={(reason) => run('POST', '/api/meetings/plan', { period, branch, action: 'return', reason }, `${label}计划已退回`)}
      />
      <Result outcome={outcome} />
    </div>
  )
}

type Person = { id: number; name: string }
type TypeOption = { value: string; label: string }

/** 填报计划: the secretary plans a meeting of the branch and submits it to the college. */
export function PlanForm({ types, people, today }: { types: TypeOption[]; people: Person[]; today: string }) {
  const router = useRouter()
  const { busy, outcome, run } = useAction()
  const [chosen, setChosen] = useState<string[]>(['themeDay'])
  return (
    <form
      className="form card"
      onSubmit={async (e) => {
        e.preventDefault()
        const f = new FormData(e.currentTarget)
        const day = String(f.get('day') ?? '')
        const at = (time: string) => (day && time ? new Date(`${day}T${time}:00+08:00`) : null)
        const start = at(String(f.get('start') ?? ''))
        let end = at(String(f.get('end') ?? ''))
        // An end earlier than the start is the next day (an evening session past midnight), as the form says.
        if (start && end && end.getTime() <= start.getTime()) end = new Date(end.getTime() + 86_400_000)
        const r = await run(
          'POST',
          '/api/meetings',
          {
            topic: String(f.get('topic') ?? '').trim(),
            types: chosen,
            startsAt: start?.toISOString() ?? null,
            endsAt: end?.toISOString() ?? null,
            place: String(f.get('place') ?? '').trim() || null,
            chair: Number(f.get('chair')) || null,
            recorder: Number(f.get('recorder')) || null,
            speaker: chosen.includes('partyLecture') ? Number(f.get('speaker')) || null : null,
            agenda: String(f.get('agenda') ?? '').trim() || null,
            status: f.get('submit') === 'draft' ? 'draft' : 'submitted',
          },
          '已报院级党委审核',
        )
        if (r.ok && r.json?.doc?.id) router.push(`/meetings/${r.json.doc.id}`)
      }}
    >
      <fieldset className="field">
        <legend>会议类型（可多选：一次会议可同时计为多种）</legend>
        {types.map((t) => (
          <label key={t.value} className="check">
            <input
              type="checkbox"
              name="types"
              value={t.value}
              checked={chosen.includes(t.value)}
              onChange={(e) => setChosen((c) => (e.target.checked ? [...c, t.value] : c.filter((x) => x !== t.value)))}
            />
            {t.label}
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor="plan-topic">会议主题</label>
        <input id="plan-topic" name="topic" maxLength={200} required />
      </div>
      <div className="field">
        <label htmlFor="plan-day">日期</label>
        <input id="plan-day" name="day" type="date" defaultValue={today} required />
      </div>
      <div className="field field--row">
        <label htmlFor="plan-start">开始</label>
        <input id="plan-start" name="start" type="time" defaultValue="14:30" required />
        <label htmlFor="plan-end">结束（早于开始时间即为次日）</label>
        <input id="plan-end" name="end" type="time" defaultValue="16:00" required />
      </div>
      <div className="field">
        <label htmlFor="plan-place">地点</label>
        <input id="plan-place" name="place" maxLength={100} />
      </div>
      {(['chair', 'recorder', 'speaker'] as const).map((k) =>
        k === 'speaker' && !chosen.includes('partyLecture') ? null : (
          <div className="field" key={k}>
            <label htmlFor={`plan-${k}`}>{{ chair: '主持人', recorder: '记录人', speaker: '党课授课人' }[k]}</label>
            <select id={`plan-${k}`} name={k} defaultValue="">
              <option value="">（未定）</option>
              {people.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </div>
        ),
      )}
      <div className="field">
        <label htmlFor="plan-agenda">议程</label>
        <textarea id="plan-agenda" name="agenda" rows={3} maxLength={2000} />
      </div>
      <p className="meta-row">
        <button className="button" type="submit" name="submit" value="submit" disabled={busy}>
          报院级党委审核
        </button>{' '}
        <button className="button button--ghost" type="submit" name="submit" value="draft" disabled={busy}>
          存为草稿
        </button>
      </p>
      <Result outcome={outcome} />
    </form>
  )
}

/** 纪要: the recorder drafts (or corrects, with a reason), the secretary confirms. */
export function MinutesForm({
  meetingId,
  draft,
  mayConfirm,
  correcting,
}: {
  meetingId: number
  draft: { id: number; summary: string } | null
  mayConfirm: boolean
  correcting: boolean
}) {
  const { busy, outcome, run } = useAction()
  return (
    <form
      className="form card"
      onSubmit={async (e) => {
        e.preventDefault()
        const f = new FormData(e.currentTarget)
        const summary = String(f.get('summary') ?? '').trim()
        const correctionReason = String(f.get('correctionReason') ?? '').trim() || undefined
        const confirm = (e.nativeEvent as SubmitEvent).submitter?.getAttribute('value') === 'confirm'
        const data = { summary, ...(correctionReason ? { correctionReason } : {}), ...(confirm ? { status: 'confirmed' } : {}) }
        if (draft)
          await run('PATCH', `/api/meeting-minutes/${draft.id}`, data, confirm ? '纪要已确认并锁定，参会党员的学时已计入' : '草稿已保存')
        else
          await run(
            'POST',
            '/api/meeting-minutes',
            { meeting: meetingId, ...data },
            confirm ? '纪要已确认并锁定，参会党员的学时已计入' : '草稿已保存，请支部书记确认',
          )
      }}
    >
      <div className="field">
        <label htmlFor="minutes-summary">会议内容和发言摘要、决议（有表决的写明票数）</label>
        <textarea id="minutes-summary" name="summary" rows={6} defaultValue={draft?.summary ?? ''} maxLength={20000} />
      </div>
      {correcting ? (
        <div className="field">
          <label htmlFor="minutes-reason">更正理由</label>
          <input id="minutes-reason" name="correctionReason" maxLength={200} />
        </div>
      ) : null}
      <p className="meta-row">
        <button className="button button--ghost" type="submit" value="save" disabled={busy}>
          保存草稿
        </button>{' '}
        {mayConfirm ? (
          <button className="button" type="submit" value="confirm" disabled={busy}>
            确认纪要并归档
          </button>
        ) : null}
      </p>
      <Result outcome={outcome} />
    </form>
  )
}

/** The landing page of a scanned code: one tap signs in. */
export function SignInButton({ code }: { code: string }) {
  const [busy, setBusy] = useState(false)
  const [outcome, setOutcome] = useState<Outcome>(null)
  return (
    <div className="card">
      <button
        className="button button--block"
        type="button"
        disabled={busy || outcome?.ok === true}
        onClick={async () => {
          setBusy(true)
          const r = await send('POST', '/api/meetings/sign-in', { code }, '签到成功')
          setOutcome({ ok: r.ok, message: r.message })
          setBusy(false)
        }}
      >
        确认签到
      </button>
      <Result outcome={outcome} />
    </div>
  )
}

/** A sign-in code as shown (with the time it was fetched), or why there is none. */
type SignInCodeState = { svg: string; present: number; validMinutes: number; rotateSeconds: number; at: string } | { error: string }

/** The meeting's current sign-in code, or the message to show instead. */
const fetchSignInCode = async (meetingId: number): Promise<SignInCodeState> => {
  try {
    const res = await fetch(`/api/meetings/${meetingId}/sign-in-code`, { credentials: 'include', headers: { 'Accept-Language': 'zh' } })
    const json: { svg: string; present: number; validMinutes: number; rotateSeconds: number } | null = await res.json().catch(() => null)
    if (!res.ok || !json) return { error: messageOf(json, '无法获取签到码') }
    return {
      svg: json.svg,
      present: json.present,
      validMinutes: json.validMinutes,
      rotateSeconds: json.rotateSeconds,
      at: new Date().toLocaleTimeString('zh-CN', { hour12: false }),
    }
  } catch {
    return { error: '网络连接失败，正在重试……' }
  }
}

/** The code shown at the meeting: a new one every rotateSeconds, with the count signed in so far. */
export function SignInCode({ meetingId }: { meetingId: number }) {
  const [state, setState] = useState<SignInCodeState | null>(null)
  useEffect(() => {
    // The state is set when each answer arrives, never synchronously in the effect.
    const load = () => void fetchSignInCode(meetingId).then(setState)
    load()
    const t = setInterval(load, 30_000)
    return () => clearInterval(t)
  }, [meetingId])
  if (!state) return <p className="empty">正在生成签到码……</p>
  if ('error' in state)
    return (
      <p className="form__error" role="alert">
        {state.error}
      </p>
    )
  return (
    <figure className="signin-code">
      {/* The SVG is the server's own QR rendering of the sign-in URL (the qrcode library), not user input. */}
      <div className="signin-code__image" data-testid="sign-in-qr" dangerouslySetInnerHTML={{ __html: state.svg }} />
      <figcaption>
        请用手机扫码签到 · 已签到 <strong data-testid="present-count">{state.present}</strong> 人
        <br />
        签到码每 {state.rotateSeconds} 秒更新，每个 {state.validMinutes} 分钟内有效（更新于 {state.at}）
      </figcaption>
    </figure>
  )
}

/** 抽取督查员: the committee draws inspectors for its branches' meetings of the next two weeks. */
export function DrawInspectors() {
  const { busy, outcome, run } = useAction()
  const [drawn, setDrawn] = useState<Array<{ topic: string; inspector: string }>>([])
  return (
    <div className="card">
      <button
        className="button"
        type="button"
        disabled={busy}
        onClick={async () => {
          const r = await run('POST', '/api/meeting-inspections/draw', {}, '已抽取')
          if (r.ok) setDrawn(r.json?.drawn ?? [])
        }}
      >
        为未来两周的会议随机抽取督查员
      </button>
      <Result outcome={outcome ? { ...outcome, message: outcome.ok ? '抽取完成' : outcome.message } : null} />
      {drawn.length ? (
        <ul className="list">
          {drawn.map((d, i) => (
            <li className="list__item" key={i}>
              {d.topic}：{d.inspector}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  )
}

type Option = { value: string; label: string }

/** 督查意见: the drawn inspector rates four aspects and comments, once. */
export function InspectionForm({ id, aspects, ratings }: { id: number; aspects: Option[]; ratings: Option[] }) {
  const { busy, outcome, run } = useAction()
  return (
    <form
      className="form card"
      onSubmit={async (e) => {
        e.preventDefault()
        const f = new FormData(e.currentTarget)
        const data: Record<string, string> = { comments: String(f.get('comments') ?? '').trim() }
        for (const a of aspects) data[a.value] = String(f.get(a.value) ?? '')
        await run('PATCH', `/api/meeting-inspections/${id}`, data, '督查意见已提交')
      }}
    >
      {aspects.map((a) => (
        <div className="field" key={a.value}>
          <label htmlFor={`inspect-${a.value}`}>{a.label}</label>
          <select id={`inspect-${a.value}`} name={a.value} defaultValue="">
            <option value="">（请选择）</option>
            {ratings.map((r) => (
              <option key={r.value} value={r.value}>
                {r.label}
              </option>
            ))}
          </select>
        </div>
      ))}
      <div className="field">
        <label htmlFor="inspect-comments">督查意见</label>
        <textarea id="inspect-comments" name="comments" rows={3} maxLength={2000} />
      </div>
      <button className="button" type="submit" disabled={busy}>
        提交督查意见
      </button>
      <Result outcome={outcome} />
    </form>
  )
}

/** 记录谈心谈话 (a committee member or the secretary): who talked and when; the summary may be left out. */
export function TalkForm({ people, me, today }: { people: Person[]; me: number; today: string }) {
  const { busy, outcome, run } = useAction()
  const [chosen, setChosen] = useState<number[]>([me])
  return (
    <form
      className="form card"
      data-testid="talk-form"
      onSubmit={async (e) => {
        e.preventDefault()
        const f = new FormData(e.currentTarget)
        const day = String(f.get('day') ?? '')
        // The start of that day in Beijing (the server checks the calendar day, not the hour).
        const r = await run(
          'POST',
          '/api/heart-talks',
          {
            date: day ? new Date(`${day}T00:00:00+08:00`).toISOString() : null,
            participants: chosen,
            topic: String(f.get('topic') ?? '').trim() || null,
          },
          '已记录谈心谈话',
        )
        if (r.ok) setChosen([me])
      }}
    >
      <fieldset className="field">
        <legend>谈话双方（至少一方是支部委员或书记）</legend>
        {people.map((p) => (
          <label key={p.id} className="check">
            <input
              type="checkbox"
              value={p.id}
              checked={chosen.includes(p.id)}
              onChange={(e) => setChosen((c) => (e.target.checked ? [...c, p.id] : c.filter((x) => x !== p.id)))}
            />
            {p.name}
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor="talk-day">谈话日期</label>
        <input id="talk-day" name="day" type="date" defaultValue={today} max={today} required />
      </div>
      <div className="field">
        <label htmlFor="talk-topic">谈话要点（可不填）</label>
        <textarea id="talk-topic" name="topic" rows={3} maxLength={2000} />
      </div>
      <button className="button" type="submit" disabled={busy || chosen.length < 2}>
        {busy ? '正在保存……' : '记录'}
      </button>
      <Result outcome={outcome} />
    </form>
  )
}
