import type { Field, Payload } from 'payload'

/** Keys every document has, and those inside the JSON fields the export holds (quiz answers and results). */
const COMMON: Record<string, string> = {
  id: '编号',
  // Auth fields Payload adds label themselves through a translation function, not a { zh } label.
  email: '邮箱',
  createdAt: '创建时间',
  updatedAt: '更新时间',
  questionId: '题目编号',
  correct: '是否答对',
  yourAnswer: '我的答案',
  correctAnswer: '正确答案',
  explanation: '解析',
  stem: '题干',
}

type Labelled = {
  name?: string
  type: string
  label?: unknown
  fields?: Field[]
  tabs?: Array<{ name?: string; fields: Field[] }>
  options?: unknown[]
  hasMany?: boolean
}

const zh = (label: unknown): string | null => {
  if (typeof label === 'string') return label
  if (label && typeof label === 'object' && 'zh' in label && typeof (label as { zh: unknown }).zh === 'string')
    return (label as { zh: string }).zh
  return null
}

/** Named fields, looking through rows, collapsibles and unnamed tabs (which hold their fields at the top level). */
const named = (fields: Field[]): Map<string, Labelled> => {
  const out = new Map<string, Labelled>()
  for (const f of fields as Labelled[]) {
    if (f.name) out.set(f.name, f)
    else if (f.type === 'tabs')
      for (const tab of f.tabs ?? [])
        if (tab.name) out.set(tab.name, { ...tab, type: 'group' } as Labelled)
        else for (const [k, v] of named(tab.fields)) out.set(k, v)
    else if (f.fields) for (const [k, v] of named(f.fields)) out.set(k, v)
  }
  return out
}

const optionLabel = (field: Labelled, value: unknown) => {
  for (const o of field.options ?? []) {
    if (typeof o === 'string' ? o === value : (o as { value?: unknown }).value === value)
      return typeof o === 'string' ? o : (zh((o as { label?: unknown }).label) ?? value)
  }
  return value
}

const hasChinese = (s: string) => /[\u4e00-\u9fff]/.test(s)

/** A key with no label: the common names above, a question id as 题目 N, or the key named as a field. */
const keyFor = (key: string) => COMMON[key] ?? (/^\d+$/.test(key) ? `题目 ${key}` : hasChinese(key) ? key : `字段 ${key}`)

/** JSON values (quiz answers, results) keep their values; their keys are put into Chinese. */
const plain = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(plain)
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [keyFor(k), plain(v)]))
  return value
}

/** A document with each key replaced by its field's Chinese label and each choice by its Chinese label. */
export const withChineseKeys = (doc: unknown, fields: Field[]): unknown => {
  if (Array.isArray(doc)) return doc.map((d) => withChineseKeys(d, fields))
  if (!doc || typeof doc !== 'object') return doc
  const byName = named(fields)
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(doc)) {
    const field = byName.get(key)
    // The common keys first: Payload gives array rows an `id` field labelled "ID".
    const label = COMMON[key] ?? ((field && zh(field.label)) || keyFor(key))
    let v: unknown = value
    if (field?.type === 'select' || field?.type === 'radio')
      v = Array.isArray(value) ? value.map((x) => optionLabel(field, x)) : optionLabel(field, value)
    else if ((field?.type === 'array' || field?.type === 'group') && field.fields) v = withChineseKeys(value, field.fields)
    else if (field?.type === 'json' || !field) v = plain(value)
    // Two fields with one label (rare): the second is numbered rather than lost.
    let name = label
    for (let n = 2; name in out; n++) name = `${label}（${n}）`
    out[name] = v
  }
  return out
}

/** The same for a document of a collection, by its configuration. */
export const chineseDoc = (payload: Payload, slug: string, doc: unknown) =>
  withChineseKeys(doc, (payload.collections as Record<string, { config: { fields: Field[] } } | undefined>)[slug]?.config.fields ?? [])
