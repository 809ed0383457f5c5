'use client'

import { Button, toast, useDocumentInfo, useFormFields } from '@payloadcms/ui'
import { useRouter } from 'next/navigation'
import { useState } from 'react'

/** 批准删除 / 驳回 on a pending deletion request (sysAdmin; the endpoints check again). */
export const DecisionButtons = () => {
  const { id } = useDocumentInfo()
  const status = useFormFields(([fields]) => fields.status?.value) as string | undefined
  const router = useRouter()
  const [note, setNote] = useState('')
  const [busy, setBusy] = useState(false)
  if (!id || status !== 'pending') return null

  const decide = async (decision: 'approve' | 'reject') => {
    if (decision === 'approve' && !window.confirm('批准后将不可恢复地删除该用户的个人信息并注销账号，确定吗？')) return
    setBusy(true)
    try {
      const res = await fetch(`/api/deletion-requests/${id}/${decision}`, {
        method: 'POST',
        credentials: 'include',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ note }),
      })
      const json = await res.json().catch(() => ({}))
      if (!res.ok) toast.error(json?.errors?.[0]?.message ?? '操作失败')
      else {
        toast.success(json.message)
        router.refresh()
      }
    } finally {
      setBusy(false)
    }
  }

  return (
    <div style={{ display: 'flex', gap: 8, alignItems: 'center' }}>
      <input
        aria-label="处理意见"
        placeholder="处理意见（驳回时必填）"
        value={note}
        onChange={(e) => setNote(e.target.value)}
        style={{ minWidth: 220 }}
      />
      <Button buttonStyle="primary" size="small" disabled={busy} onClick={() => void decide('approve')}>
        批准删除
      </Button>
      <Button buttonStyle="secondary" size="small" disabled={busy} onClick={() => void decide('reject')}>
        驳回
      </Button>
    </div>
  )
}
