'use client'

import { useState } from 'react'

const ACTIONS: Array<[string, string]> = [
  ['', '全部操作'],
  ['login', '登录'],
  ['loginFailed', '登录失败'],
  ['lockout', '账号锁定'],
  ['logout', '退出登录'],
  ['roleChange', '角色/权限变更'],
  ['passwordChange', '密码变更'],
  ['sessionRevoked', '会话注销'],
  ['settingsChange', '设置变更'],
  ['accessDenied', '拒绝访问'],
  ['export', '导出个人信息'],
  ['delete', '删除'],
  ['publish', '发布'],
  ['withdraw', '下线'],
  ['deletionRequest', '个人信息删除申请'],
  ['anonymise', '个人信息删除/匿名化'],
]

/** Above the audit list: pick a period, an action and a keyword, and download the matching rows as Excel. */
export const AuditExport = () => {
  const [from, setFrom] = useState('')
  const [to, setTo] = useState('')
  const [action, setAction] = useState('')
  const [q, setQ] = useState('')
  const params = new URLSearchParams(Object.entries({ from, to, action, q }).filter(([, v]) => v))
  return (
    <form
      aria-label="导出审计日志"
      style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'end', margin: '0 0 16px' }}
      onSubmit={(e) => {
        e.preventDefault()
        window.location.href = `/api/audit-logs/export?${params.toString()}`
      }}
    >
      <label>
        起始日期
        <br />
        <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
      </label>
      <label>
        截止日期
        <br />
        <input type="date" value={to} onChange={(e) => setTo(e.target.value)} />
      </label>
      <label>
        操作
        <br />
        <select value={action} onChange={(e) => setAction(e.target.value)}>
          {ACTIONS.map(([v, l]) => (
            <option key={v} value={v}>
              {l}
            </option>
          ))}
        </select>
      </label>
      <label>
        关键词（摘要、操作人、IP）
        <br />
        <input value={q} onChange={(e) => setQ(e.target.value)} />
      </label>
      <button type="submit" className="btn btn--style-primary btn--size-small" style={{ margin: 0 }}>
        导出 Excel
      </button>
    </form>
  )
}
