'use client'

import { useState } from 'react'

type Request = { id: number; status: string; createdAt: string; decisionNote?: string | null }

const STATUS: Record<string, string> = { pending: '待系统管理员处理', rejected: '已驳回', completed: '已删除' }

/** 我的个人信息: download everything held about me; ask for my personal data to be deleted. */
export const PrivacyPanel = ({ requests }: { requests: Request[] }) => {
  const [reason, setReason] = useState('')
  const [message, setMessage] = useState('')
  const [busy, setBusy] = useState(false)
  const pending = requests.some((r) => r.status === 'pending')

  const ask = async () => {
    if (!window.confirm('删除申请获批后，您的账号将被注销，姓名、联系方式等个人信息将被删除且无法恢复。确定申请吗？')) return
    setBusy(true)
    try {
      const res = await fetch('/api/deletion-requests/request', {
        method: 'POST',
        credentials: 'include',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ reason }),
      })
      const json = await res.json().catch(() => ({}))
      setMessage(res.ok ? json.message : (json?.errors?.[0]?.message ?? '提交失败，请稍后再试'))
      if (res.ok) window.location.reload()
    } finally {
      setBusy(false)
    }
  }

  return (
    <div>
      <p>
        <a className="button" href="/api/personal-data" download>
          下载我的全部个人信息（JSON）
        </a>
      </p>
      <p className="muted">包括个人资料、发展历程、学习记录、答题、积分和消息（《个人信息保护法》第四十五条）。</p>
      {requests.length > 0 && (
        <ul>
          {requests.map((r) => (
            <li key={r.id}>
              {new Date(r.createdAt).toLocaleDateString('zh-CN')} 提交的删除申请：{STATUS[r.status] ?? r.status}
              {r.decisionNote ? `（${r.decisionNote}）` : ''}
            </li>
          ))}
        </ul>
      )}
      {!pending && (
        <div>
          <label htmlFor="deletion-reason">申请删除个人信息（可填写原因）</label>
          <textarea id="deletion-reason" value={reason} maxLength={1000} onChange={(e) => setReason(e.target.value)} rows={2} />
          <p>
            <button type="button" className="button button--ghost" disabled={busy} onClick={() => void ask()}>
              申请删除我的个人信息
            </button>
          </p>
        </div>
      )}
      {message && <p role="status">{message}</p>}
    </div>
  )
}
