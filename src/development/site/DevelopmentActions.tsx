'use client'

import { useRouter } from 'next/navigation'
import React, { useEffect, useState } from 'react'

import { messageOf } from '../../site/clientUtil'

type Outcome = { ok: boolean; message: string } | null

/** A refusal, next to the form that was refused (the form stays: nothing changed). */
const Result = ({ outcome }: { outcome: Outcome }) =>
  outcome && !outcome.ok ? (
    <p className="form__error" role="alert" data-testid="dev-error">
      {outcome.message}
    </p>
  ) : null

const FLASH = 'development-flash'

/**
 * What a successful act did, at the top of the page: the page refreshes after it and the form that
 * was used may be gone (the step is done, the next one is someone else's), so the message lives here.
 */
export function DevFlash() {
  const [message, setMessage] = useState<string | null>(null)
  useEffect(() => {
    const show = (e: Event) => setMessage(String((e as CustomEvent<string>).detail))
    window.addEventListener(FLASH, show)
    return () => window.removeEventListener(FLASH, show)
  }, [])
  return message ? (
    <p className="form__ok" role="status" data-testid="dev-result">
      {message}
    </p>
  ) : null
}

/** One JSON POST to the development endpoints; the refusal as the message the server wrote. */
function useAction() {
  const router = useRouter()
  const [busy, setBusy] = useState(false)
  const [outcome, setOutcome] = useState<Outcome>(null)
  /** T: the answer's shape as the success message reads it. */
  const run = async <T,>(url: string, body: unknown, okMessage: string | ((json: T) => string)): Promise<T | null> => {
    setBusy(true)
    setOutcome(null)
    try {
      const res = await fetch(url, {
        method: 'POST',
        credentials: 'include',
        headers: { 'Content-Type': 'application/json', 'Accept-Language': 'zh' },
        body: JSON.stringify(body),
      })
      const json: T = await res.json().catch(() => null)
      if (!res.ok) setOutcome({ ok: false, message: messageOf(json, '提交失败，请稍后再试') })
      else {
        window.dispatchEvent(new CustomEvent(FLASH, { detail: typeof okMessage === 'function' ? okMessage(json) : okMessage }))
        router.refresh()
      }
      return res.ok ? json : null
    } catch {
      setOutcome({ ok: false, message: '网络连接失败，请检查网络后重试' })
      return null
    } finally {
      setBusy(false)
    }
  }
  return { busy, outcome, setOutcome, run }
}

/** Uploads the chosen files to 发展材料 first (each checked by its bytes on the server); their ids, or a message. */
const upload = async (files: File[], title: string): Promise<{ ids: number[] } | { message: string }> => {
  const ids: number[] = []
  for (const file of files) {
    const form = new FormData()
    form.append('file', file)
    form.append('_payload', JSON.stringify({ title: `${title}：${file.name}` }))
    const res = await fetch('/api/development-documents', {
      method: 'POST',
      credentials: 'include',
      headers: { 'Accept-Language': 'zh' },
      body: form,
    })
    const json = await res.json().catch(() => null)
    if (!res.ok) return { message: `“${file.name}”上传失败：${messageOf(json, '请检查文件后重试')}` }
    ids.push(Number(json.doc.id))
  }
  return { ids }
}

function DocumentsField({ documents }: { documents: string[] }) {
  return (
    <div className="field">
      <label htmlFor="dev-files">材料（PDF 或图片，可多选{documents.length ? `；本步骤材料：${documents.join('、')}` : ''}）</label>
      <input id="dev-files" name="files" type="file" accept="application/pdf,image/jpeg,image/png" multiple />
    </div>
  )
}

/** 递交入党申请书: the person's application opens their case (step 1). */
export function ApplyForm({ today }: { today: string }) {
  const { busy, outcome, setOutcome, run } = useAction()
  return (
    <form
      className="form card"
      data-testid="apply-form"
      onSubmit={async (e) => {
        e.preventDefault()
        const data = new FormData(e.currentTarget)
        const files = (data.getAll('files') as File[]).filter((f) => f.size)
        const up = await upload(files, '入党申请书')
        if ('message' in up) return setOutcome({ ok: false, message: up.message })
        await run(
          '/api/development-cases/apply',
          { date: data.get('date'), notes: data.get('notes'), documents: up.ids },
          '入党申请书已递交，党支部将在一个月内派人与你谈话',
        )
      }}
    >
      <div className="field">
        <label htmlFor="apply-date">递交日期</label>
        <input id="apply-date" name="date" type="date" defaultValue={today} max={today} required />
      </div>
      <div className="field">
        <label htmlFor="apply-notes">说明（选填）</label>
        <textarea id="apply-notes" name="notes" maxLength={2000} rows={3} placeholder="如：已向党支部递交书面入党申请书" />
      </div>
      <DocumentsField documents={['入党申请书']} />
      <button className="button" type="submit" disabled={busy}>
        递交入党申请
      </button>
      <Result outcome={outcome} />
    </form>
  )
}

/** The next step, by the role the rules name: date, notes and its documents. */
export function StepForm({
  caseId,
  no,
  title,
  documents,
  today,
  min,
}: {
  caseId: number
  no: number
  title: string
  documents: string[]
  today: string
  min: string
}) {
  const { busy, outcome, setOutcome, run } = useAction()
  return (
    <form
      className="form card"
      data-testid="step-form"
      onSubmit={async (e) => {
        e.preventDefault()
        const data = new FormData(e.currentTarget)
        const files = (data.getAll('files') as File[]).filter((f) => f.size)
        const up = await upload(files, title)
        if ('message' in up) return setOutcome({ ok: false, message: up.message })
        await run(
          `/api/development-cases/${caseId}/steps`,
          { no, date: data.get('date'), notes: data.get('notes'), documents: up.ids },
          (json: { next?: { no: number; title: string } | null } | null) =>
            `第 ${no} 步「${title}」已记录${json?.next ? `，下一步：第 ${json.next.no} 步「${json.next.title}」` : ''}`,
        )
      }}
    >
      <p className="form__legend">
        第 {no} 步：{title}
      </p>
      <div className="field">
        <label htmlFor="step-date">办理日期</label>
        <input id="step-date" name="date" type="date" defaultValue={today} min={min || undefined} max={today} required />
      </div>
      <div className="field">
        <label htmlFor="step-notes">说明（选填）</label>
        <textarea id="step-notes" name="notes" maxLength={2000} rows={2} />
      </div>
      <DocumentsField documents={documents} />
      <button className="button" type="submit" disabled={busy}>
        记录第 {no} 步
      </button>
      <Result outcome={outcome} />
    </form>
  )
}

/** 公示 before the next step, for the local rules' working days (the secretary). */
export function NoticeForm({ caseId, today, days }: { caseId: number; today: string; days: number }) {
  const { busy, outcome, run } = useAction()
  return (
    <form
      className="form card"
      data-testid="notice-form"
      onSubmit={async (e) => {
        e.preventDefault()
        const data = new FormData(e.currentTarget)
        await run(
          `/api/development-cases/${caseId}/notices`,
          { postedOn: data.get('postedOn'), content: data.get('content') },
          (json: { endsOn: string; calendarKnown: boolean }) =>
            `已发布公示，公示期至 ${json.endsOn}${json.calendarKnown ? '' : '（该年度节假日安排尚未公布，按周一至周五计算）'}`,
        )
      }}
    >
      <div className="field">
        <label htmlFor="notice-date">公示开始日期（公示 {days} 个工作日，节假日顺延）</label>
        <input id="notice-date" name="postedOn" type="date" defaultValue={today} max={today} required />
      </div>
      <div className="field">
        <label htmlFor="notice-content">公示内容（选填）</label>
        <textarea
          id="notice-content"
          name="content"
          maxLength={2000}
          rows={3}
          placeholder="基本情况、培养考察情况；如有情况请于公示期内向党支部或上级党委反映"
        />
      </div>
      <button className="button" type="submit" disabled={busy}>
        发布公示
      </button>
      <Result outcome={outcome} />
    </form>
  )
}

/** An objection to a 公示 during its window. */
export function ObjectionForm({ noticeId }: { noticeId: number }) {
  const { busy, outcome, run } = useAction()
  return (
    <form
      className="inline-form"
      onSubmit={async (e) => {
        e.preventDefault()
        await run(
          `/api/development-cases/notices/${noticeId}/objections`,
          { text: new FormData(e.currentTarget).get('text') },
          '已收到你反映的情况，党组织将核查处理',
        )
      }}
    >
      <input name="text" aria-label="反映情况" placeholder="如有情况，请实事求是地反映（实名，仅党组织可见）" maxLength={2000} />
      <button className="button button--small" type="submit" disabled={busy}>
        反映
      </button>
      <Result outcome={outcome} />
    </form>
  )
}

/** How an objection was checked and handled (the secretary or the committee above). */
export function HandleForm({ noticeId, objectionId }: { noticeId: number; objectionId: string }) {
  const { busy, outcome, run } = useAction()
  return (
    <form
      className="inline-form"
      onSubmit={async (e) => {
        e.preventDefault()
        await run(
          `/api/development-cases/notices/${noticeId}/handle`,
          { objection: objectionId, handling: new FormData(e.currentTarget).get('handling') },
          '已记录核查处理情况',
        )
      }}
    >
      <input name="handling" aria-label="核查处理情况" placeholder="核查处理情况（必填）" maxLength={2000} />
      <button className="button button--small" type="submit" disabled={busy}>
        处理完毕
      </button>
      <Result outcome={outcome} />
    </form>
  )
}

/** Opens the branch vote on step 15 or 23 (the secretary): the voters are fixed now. */
export function OpenVoteForm({
  caseId,
  step,
  meetings,
  canExtend,
}: {
  caseId: number
  step: number
  meetings: Array<{ id: number; label: string }>
  canExtend: boolean
}) {
  const { busy, outcome, run } = useAction()
  const [motion, setMotion] = useState(step === 15 ? 'accept' : 'confirm')
  return (
    <form
      className="form card"
      data-testid="open-vote-form"
      onSubmit={async (e) => {
        e.preventDefault()
        const data = new FormData(e.currentTarget)
        await run(
          `/api/development-cases/${caseId}/votes`,
          { motion, meeting: data.get('meeting') || undefined, extensionMonths: data.get('months') || undefined },
          (json: { expected: number }) => `表决已开始，应到有表决权的正式党员 ${json.expected} 人`,
        )
      }}
    >
      {step === 23 ? (
        <div className="field">
          <label htmlFor="vote-motion">表决事项</label>
          <select id="vote-motion" value={motion} onChange={(e) => setMotion(e.target.value)}>
            <option value="confirm">按期转为正式党员</option>
            {canExtend ? <option value="extend">延长预备期</option> : null}
            <option value="cancel">取消预备党员资格</option>
          </select>
        </div>
      ) : null}
      {motion === 'extend' ? (
        <div className="field">
          <label htmlFor="vote-months">延长月数（6–12）</label>
          <input id="vote-months" name="months" type="number" min={6} max={12} defaultValue={6} />
        </div>
      ) : null}
      <div className="field">
        <label htmlFor="vote-meeting">所在支部党员大会（选填）</label>
        <select id="vote-meeting" name="meeting" defaultValue="">
          <option value="">不关联会议</option>
          {meetings.map((m) => (
            <option key={m.id} value={m.id}>
              {m.label}
            </option>
          ))}
        </select>
      </div>
      <button className="button" type="submit" disabled={busy}>
        开始表决
      </button>
      <Result outcome={outcome} />
    </form>
  )
}

/** One secret ballot, on a phone: 赞成 / 反对 / 弃权, at the meeting or as a written opinion. */
export function BallotForm({ voteId }: { voteId: number }) {
  const { busy, outcome, run } = useAction()
  const [done, setDone] = useState(false)
  if (done) return null
  return (
    <form
      className="form card"
      data-testid="ballot-form"
      onSubmit={async (e) => {
        e.preventDefault()
        const data = new FormData(e.currentTarget)
        const ok = await run(
          `/api/development-cases/votes/${voteId}/ballot`,
          { choice: data.get('choice'), mode: data.get('mode') },
          '已投票。投票不记名，任何人（包括书记）都看不到你的选择',
        )
        if (ok) setDone(true)
      }}
    >
      <fieldset className="choices">
        <legend>你的意见</legend>
        {[
          ['for', '赞成'],
          ['against', '反对'],
          ['abstain', '弃权'],
        ].map(([value, label]) => (
          <label key={value} className="choice">
            <input type="radio" name="choice" value={value} required /> {label}
          </label>
        ))}
      </fieldset>
      <fieldset className="choices">
        <legend>方式</legend>
        <label className="choice">
          <input type="radio" name="mode" value="present" defaultChecked /> 到会表决
        </label>
        <label className="choice">
          <input type="radio" name="mode" value="written" /> 因故不能到会，提交书面意见
        </label>
      </fieldset>
      <button className="button" type="submit" disabled={busy}>
        投票
      </button>
      <Result outcome={outcome} />
    </form>
  )
}

/** Ends the vote: the count by the rules, written into the case (the secretary). */
export function CloseVoteButton({ voteId }: { voteId: number }) {
  const { busy, outcome, run } = useAction()
  return (
    <div className="inline-actions">
      <button
        className="button button--small"
        type="button"
        disabled={busy}
        onClick={() => run(`/api/development-cases/votes/${voteId}/close`, {}, (json: { reason: string }) => json.reason)}
      >
        结束表决并计票
      </button>
      <Result outcome={outcome} />
    </div>
  )
}
