'use client'

import { useId, useState } from 'react'

/**
 * The branch secretary's check of one study-integrity flag on 支部 (issue 13 §2): a reason, then
 * 核实为正常 (the held 学时 count again) or 确认异常 (they stay out). Saved through the collection's
 * REST update, which requires the reason and writes the audit entry.
 */
export const FlagReview = ({ id, memberName }: { id: number; memberName: string }) => {
  const reasonId = useId()
  const [reason, setReason] = useState('')
  const [message, setMessage] = useState('')
  const [busy, setBusy] = useState(false)

  const decide = async (status: 'cleared' | 'confirmed') => {
    if (reason.trim().length < 2) {
      setMessage('请先填写核实理由（至少 2 个字）')
      return
    }
    const question =
      status === 'cleared'
        ? `确认${memberName}的这段学习正常？暂缓的学时将计入其年度学时。`
        : `确认${memberName}的这段学习异常？暂缓的学时将不再计入。`
    if (!window.confirm(question)) return
    setBusy(true)
    setMessage('')
    try {
      const res = await fetch(`/api/integrity-flags/${id}`, {
        method: 'PATCH',
        credentials: 'include',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ status, reason: reason.trim() }),
      })
      const json = await res.json().catch(() => ({}))
      if (res.ok) {
        setMessage(status === 'cleared' ? '已核实为正常，学时已计入' : '已确认异常，学时不予计入')
        window.location.reload()
      } else {
        const err = json?.errors?.[0]
        setMessage(err?.data?.errors?.[0]?.message ?? err?.message ?? '保存失败，请稍后再试')
      }
    } catch {
      setMessage('网络异常，请稍后再试')
    } finally {
      setBusy(false)
    }
  }

  return (
    <div className="flag-review">
      <label htmlFor={reasonId}>核实理由（必填，记入审计日志）</label>
      <textarea id={reasonId} value={reason} maxLength={1000} rows={2} onChange={(e) => setReason(e.target.value)} />
      <p className="flag-review__actions">
        <button type="button" className="button button--small" disabled={busy} onClick={() => void decide('cleared')}>
          核实为正常
        </button>
        <button type="button" className="button button--small button--ghost" disabled={busy} onClick={() => void decide('confirmed')}>
          确认异常
        </button>
      </p>
      {message ? <p role="status">{message}</p> : null}
    </div>
  )
}
