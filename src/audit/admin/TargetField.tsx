import type { TextFieldServerComponent } from 'payload'

import { targetLabel } from '../labels'

/** 对象类型 on an audit entry's page, read-only like the rest of the entry, as its Chinese name. */
export const TargetField: TextFieldServerComponent = ({ data, payload }) => {
  const slug = typeof data?.targetCollection === 'string' ? data.targetCollection : null
  return (
    <div className="field-type text read-only" style={{ marginBottom: 'var(--base)' }}>
      <label className="field-label">对象类型</label>
      <div data-testid="audit-target">{slug ? `${targetLabel(payload, slug)}（${slug}）` : '—'}</div>
    </div>
  )
}
