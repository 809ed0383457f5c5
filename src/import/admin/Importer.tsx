'use client'

import React, { useRef, useState } from 'react'

import type { ImportReport, ProgressEvent } from '../service'

type Kind = { kind: string; label: string; required: string[] }
type Props = { apiRoute: string; kinds: Kind[] }
type Phase = 'idle' | 'checking' | 'checked' | 'importing' | 'done' | 'failed'

const errorMessage = async (res: Response): Promise<{ message: string; report?: ImportReport }> => {
  const body = (await res.json().catch(() => ({}))) as { errors?: Array<{ message?: string; data?: { report?: ImportReport } }> }
  const first = body.errors?.[0]
  return { message: first?.message ?? `请求失败（${res.status}）`, report: first?.data?.report }
}

const cell: React.CSSProperties = {
  padding: '4px 8px',
  borderBottom: '1px solid var(--theme-elevation-150)',
  textAlign: 'left',
  verticalAlign: 'top',
}

/** The report: counts, then every problem with its row number, then the rows that would change. */
const Report = ({ report }: { report: ImportReport }) => (
  <div>
    <p>
      文件“{report.fileName}”共 {report.rows} 行：新增 <strong>{report.counts.new}</strong>，更新 <strong>{report.counts.changed}</strong>
      ，未变 <strong>{report.counts.unchanged}</strong>
      {report.problemCount > 0 ? (
        <>
          ，<strong style={{ color: 'var(--theme-error-500)' }}>问题 {report.problemCount} 处</strong>
        </>
      ) : null}
      。
    </p>
    {report.problemCount > 0 ? (
      <>
        <h3>问题（修改后重新检查；有问题时不会导入任何一行）</h3>
        {report.problems.length < report.problemCount ? <p>只列出前 {report.problems.length} 处。</p> : null}
        <table style={{ borderCollapse: 'collapse', width: '100%' }} data-testid="import-problems">
          <thead>
            <tr>
              <th style={cell}>行号</th>
              <th style={cell}>列</th>
              <th style={cell}>问题</th>
            </tr>
          </thead>
          <tbody>
            {report.problems.map((p, i) => (
              <tr key={i}>
                <td style={cell}>第 {p.row} 行</td>
                <td style={cell}>{p.column ?? ''}</td>
                <td style={cell}>{p.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </>
    ) : null}
    {report.changes.length > 0 ? (
      <details open={report.problemCount === 0} style={{ marginTop: 16 }}>
        <summary>将要写入的行（{report.counts.new + report.counts.changed}）</summary>
        <table style={{ borderCollapse: 'collapse', width: '100%' }}>
          <thead>
            <tr>
              <th style={cell}>行号</th>
              <th style={cell}>操作</th>
              <th style={cell}>对象</th>
              <th style={cell}>变更内容</th>
            </tr>
          </thead>
          <tbody>
            {report.changes.map((c) => (
              <tr key={c.row}>
                <td style={cell}>第 {c.row} 行</td>
                <td style={cell}>{c.action === 'new' ? '新增' : '更新'}</td>
                <td style={cell}>{c.label}</td>
                <td style={cell}>{c.fields.join('、')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    ) : null}
  </div>
)

/** 批量导入: template, upload, 检查 (dry run), 导入 with a progress bar fed by the endpoint's NDJSON stream. */
export const Importer = ({ apiRoute, kinds }: Props) => {
  const [kind, setKind] = useState(kinds[0]?.kind ?? '')
  const [file, setFile] = useState<File | null>(null)
  const [phase, setPhase] = useState<Phase>('idle')
  const [report, setReport] = useState<ImportReport | null>(null)
  const [message, setMessage] = useState('')
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null)
  const input = useRef<HTMLInputElement>(null)
  const current = kinds.find((k) => k.kind === kind)

  const reset = () => {
    setPhase('idle')
    setReport(null)
    setMessage('')
    setProgress(null)
  }
  const send = (path: string) => {
    const form = new FormData()
    form.append('file', file!)
    return fetch(`${apiRoute}/import/${kind}${path}`, { method: 'POST', body: form, credentials: 'include' })
  }

  const check = async () => {
    if (!file) return
    reset()
    setPhase('checking')
    const res = await send('/check').catch(() => null)
    if (!res) return (setPhase('failed'), setMessage('网络错误，请重试'))
    if (!res.ok) {
      const e = await errorMessage(res)
      return (setPhase('failed'), setMessage(e.message))
    }
    setReport((await res.json()) as ImportReport)
    setPhase('checked')
  }

  const runImport = async () => {
    if (!file) return
    setPhase('importing')
    setMessage('')
    setProgress({ done: 0, total: (report?.counts.new ?? 0) + (report?.counts.changed ?? 0) })
    const res = await send('').catch(() => null)
    if (!res) return (setPhase('failed'), setMessage('网络错误：导入是否完成请重新检查该文件（已导入的行会显示为“未变”）'))
    if (!res.ok || !res.body) {
      const e = await errorMessage(res)
      if (e.report) setReport(e.report)
      return (setPhase('failed'), setMessage(e.message))
    }
    const reader = res.body.getReader()
    const decoder = new TextDecoder()
    let buffered = ''
    let finished = false
    for (;;) {
      const { value, done } = await reader.read()
      if (done) break
      buffered += decoder.decode(value, { stream: true })
      const lines = buffered.split('\n')
      buffered = lines.pop() ?? ''
      for (const line of lines.filter(Boolean)) {
        const event = JSON.parse(line) as ProgressEvent
        if (event.type === 'progress') setProgress({ done: event.done, total: event.total })
        else if (event.type === 'done') {
          finished = true
          setReport(event.report)
          setPhase('done')
        } else if (event.type === 'error') {
          finished = true
          setPhase('failed')
          setMessage(event.message)
        }
      }
    }
    if (!finished) {
      setPhase('failed')
      setMessage('连接中断：导入是否完成请重新检查该文件（已导入的行会显示为“未变”）')
    }
  }

  const busy = phase === 'checking' || phase === 'importing'
  return (
    <div style={{ maxWidth: 1100 }}>
      <p>
        先下载模板按要求填写，上传后“检查”：不写入任何数据，列出每一行的问题及行号。没有问题时再“导入”：全部成功或全部不写入；同一文件再次导入不会产生任何变更，表中改动过的行会更新已有记录。
      </p>
      <div style={{ display: 'flex', gap: 16, alignItems: 'center', flexWrap: 'wrap', margin: '16px 0' }}>
        <label>
          导入内容：
          <select value={kind} disabled={busy} onChange={(e) => (setKind(e.target.value), reset())} aria-label="导入内容">
            {kinds.map((k) => (
              <option key={k.kind} value={k.kind}>
                {k.label}
              </option>
            ))}
          </select>
        </label>
        <a href={`${apiRoute}/import/${kind}/template`} download>
          下载{current?.label}导入模板
        </a>
        <span>必填列：{current?.required.join('、')}</span>
      </div>
      <div style={{ display: 'flex', gap: 12, alignItems: 'center', flexWrap: 'wrap' }}>
        <input
          ref={input}
          type="file"
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          disabled={busy}
          aria-label="选择 Excel 文件"
          onChange={(e) => (setFile(e.target.files?.[0] ?? null), reset())}
        />
        <button type="button" className="btn btn--style-secondary btn--size-small" disabled={!file || busy} onClick={check}>
          {phase === 'checking' ? '检查中…' : '检查'}
        </button>
        <button
          type="button"
          className="btn btn--style-primary btn--size-small"
          disabled={!file || busy || phase !== 'checked' || !report || report.problemCount > 0}
          onClick={runImport}
        >
          导入
        </button>
      </div>
      {progress && (phase === 'importing' || phase === 'done') ? (
        <div style={{ margin: '16px 0' }} aria-live="polite">
          <progress
            max={Math.max(progress.total, 1)}
            value={phase === 'done' ? Math.max(progress.total, 1) : progress.done}
            style={{ width: '100%', height: 16 }}
          />
          <div>{phase === 'done' ? '导入完成' : `正在写入：${progress.done} / ${progress.total}`}</div>
        </div>
      ) : null}
      {message ? (
        <p role="alert" style={{ color: 'var(--theme-error-500)' }}>
          {message}
        </p>
      ) : null}
      {phase === 'done' && report ? (
        <p role="status">
          已导入：新增 {report.counts.new}，更新 {report.counts.changed}，未变 {report.counts.unchanged}。已记入审计日志。
        </p>
      ) : null}
      {report ? <Report report={report} /> : null}
    </div>
  )
}
