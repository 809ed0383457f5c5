'use client'

import { useSearchParams } from 'next/navigation'

/**
 * Above the audit list: 导出 Excel of exactly what the list shows. The list's own search and
 * 过滤 bar are the one place to filter (a second, separate filter form here competed with them and
 * exported something other than what was on screen); their where[…] and search go to the export.
 */
export const AuditExport = () => {
  const params = useSearchParams()
  const kept = new URLSearchParams([...params.entries()].filter(([k]) => k.startsWith('where[') || k === 'search'))
  const filtered = kept.size > 0
  return (
    <p className="audit-export" style={{ display: 'flex', flexWrap: 'wrap', gap: 12, alignItems: 'center', margin: '0 0 16px' }}>
      <a
        className="btn btn--style-primary btn--size-small"
        style={{ margin: 0 }}
        href={`/api/audit-logs/export${filtered ? `?${kept.toString()}` : ''}`}
        download
      >
        导出 Excel
      </a>
      <span style={{ color: 'var(--theme-elevation-500)' }}>
        {filtered ? '导出当前搜索和筛选条件下的全部记录（不限于本页）。' : '未设置筛选：导出全部记录。可先用上方的搜索和“筛选”缩小范围。'}
        单次最多 50,000 条，导出操作记入审计日志。
      </span>
    </p>
  )
}
