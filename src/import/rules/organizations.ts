import { ORG_TYPE_LABELS, ORG_TYPES, REQUIRED_PARENT_TYPE, type OrgType } from '../../organizations/types'
import { byRow, duplicatesIn, missingCells, parseDate, parseYesNo, type Change, type Plan, type Problem, type Record_ } from './sheet'

export type ExistingOrganization = {
  id: number
  code: string
  name: string
  type: OrgType
  parentCode: string | null
  termStart: string | null
  termEnd: string | null
  hasCommittee: boolean
}

export type OrganizationWrite = {
  row: number
  code: string
  name: string
  type: OrgType
  parentCode: string | null
  /** Undefined: keep the stored value. */
  termStart?: string
  termEnd?: string
  hasCommittee?: boolean
}
export type OrganizationUpdate = OrganizationWrite & { id: number }

const TYPE_BY_TEXT = new Map<string, OrgType>(
  ORG_TYPES.flatMap(
    (t) =>
      [
        [ORG_TYPE_LABELS[t].zh, t],
        [t, t],
      ] as Array<[string, OrgType]>,
  ),
)
for (const [text, type] of [
  ['院(系)党委', 'collegeCommittee'],
  ['院（系）党委', 'collegeCommittee'],
  ['院系党委', 'collegeCommittee'],
  ['学院党委', 'collegeCommittee'],
  ['党总支', 'collegeCommittee'],
  ['党委', 'universityCommittee'],
  ['支部', 'branch'],
] as const)
  TYPE_BY_TEXT.set(text, type)

export const orgTypeOf = (text: string): OrgType | null => TYPE_BY_TEXT.get(text.trim()) ?? null

const LEVEL: Record<OrgType, number> = { universityCommittee: 0, collegeCommittee: 1, branch: 2 }
const day = (iso: string | null | undefined) => (iso ? new Date(iso).getTime() : null)

/**
 * What importing this part of the tree would do, and every reason it cannot: unknown type, a parent
 * code found neither in the file nor among the existing organisations, a parent of the wrong kind
 * (a branch under a college committee under the university committee), bad or reversed term dates,
 * a code given twice. Writes come parents first, so a file may bring a whole new college.
 */
export const planOrganizations = (
  records: Record_[],
  existing: Map<string, ExistingOrganization>,
): Plan<OrganizationWrite, OrganizationUpdate> => {
  const problems: Problem[] = []
  const duplicates = byRow(
    duplicatesIn(
      records,
      (r) => r.values.code ?? '',
      (r) => r.row,
      '组织编码',
      '组织编码',
    ),
  )
  const v = (r: Record_, k: string) => r.values[k] ?? ''
  // The type each code will have after the import: the file's row wins over the stored one.
  const typeAfter = new Map<string, OrgType>([...existing.values()].map((o) => [o.code, o.type]))
  for (const r of records) {
    const t = orgTypeOf(v(r, 'type'))
    if (t && v(r, 'code')) typeAfter.set(v(r, 'code'), t)
  }
  const creates: OrganizationWrite[] = []
  const updates: OrganizationUpdate[] = []
  const changes: Change[] = []
  let unchanged = 0
  for (const r of records) {
    const mine: Problem[] = [...missingCells('organizations', r), ...duplicates(r.row)]
    const at = (column: string, message: string) => mine.push({ row: r.row, column, message })
    const code = v(r, 'code')
    if (code && (code.length > 40 || !/^[0-9A-Za-z_.-]+$/.test(code)))
      at('组织编码', `组织编码“${code}”只能由字母、数字、“-”“_”“.”组成，最长 40 位`)
    const type = v(r, 'type') ? orgTypeOf(v(r, 'type')) : null
    if (v(r, 'type') && !type)
      at('组织类型', `未知的组织类型“${v(r, 'type')}”（可选：${ORG_TYPES.map((t) => ORG_TYPE_LABELS[t].zh).join('、')}）`)
    const parentCode = v(r, 'parentCode') || null
    if (type) {
      const required = REQUIRED_PARENT_TYPE[type]
      if (required === null && parentCode) at('上级组织编码', `${ORG_TYPE_LABELS[type].zh}是最高一级组织，不能有上级组织`)
      if (required !== null && !parentCode)
        at('上级组织编码', `${ORG_TYPE_LABELS[type].zh}必须填写上级组织编码（${ORG_TYPE_LABELS[required].zh}）`)
      if (required !== null && parentCode) {
        const parentType = typeAfter.get(parentCode)
        if (!parentType) at('上级组织编码', `未知的上级组织编码“${parentCode}”（既不在本表中，也不是已有组织）`)
        else if (parentType !== required)
          at(
            '上级组织编码',
            `${ORG_TYPE_LABELS[type].zh}的上级必须是${ORG_TYPE_LABELS[required].zh}，而“${parentCode}”是${ORG_TYPE_LABELS[parentType].zh}`,
          )
      }
    }
    const termStart = v(r, 'termStart') ? parseDate(v(r, 'termStart')) : undefined
    const termEnd = v(r, 'termEnd') ? parseDate(v(r, 'termEnd')) : undefined
    if (termStart === null) at('任期开始', `日期“${v(r, 'termStart')}”无效：请写成 2024-06-01`)
    if (termEnd === null) at('任期结束', `日期“${v(r, 'termEnd')}”无效：请写成 2027-05-31`)
    const hasCommittee = v(r, 'hasCommittee') ? parseYesNo(v(r, 'hasCommittee')) : undefined
    if (hasCommittee === null) at('已成立支部委员会', `“${v(r, 'hasCommittee')}”无效：请填“是”或“否”`)
    const old = code ? existing.get(code) : undefined
    const start = termStart ?? old?.termStart ?? null
    const end = termEnd ?? old?.termEnd ?? null
    if (start && end && day(end)! <= day(start)!) at('任期结束', '任期结束日期必须晚于开始日期')
    if (mine.length || !type) {
      problems.push(...mine)
      continue
    }
    const write: OrganizationWrite = {
      row: r.row,
      code,
      name: v(r, 'name'),
      type,
      parentCode,
      termStart: termStart ?? undefined,
      termEnd: termEnd ?? undefined,
      hasCommittee: hasCommittee ?? undefined,
    }
    if (!old) {
      creates.push(write)
      changes.push({ row: r.row, action: 'new', label: `${write.name}（${code}）`, fields: [] })
      continue
    }
    const fields: string[] = []
    if (old.name !== write.name) fields.push('名称')
    if (old.type !== type) fields.push('组织类型')
    if ((old.parentCode ?? null) !== parentCode) fields.push('上级组织')
    if (write.termStart !== undefined && day(old.termStart) !== day(write.termStart)) fields.push('任期开始')
    if (write.termEnd !== undefined && day(old.termEnd) !== day(write.termEnd)) fields.push('任期结束')
    if (write.hasCommittee !== undefined && old.hasCommittee !== write.hasCommittee) fields.push('已成立支部委员会')
    if (fields.length === 0) unchanged++
    else {
      updates.push({ ...write, id: old.id })
      changes.push({ row: r.row, action: 'changed', label: `${write.name}（${code}）`, fields })
    }
  }
  const byLevel = <T extends OrganizationWrite>(xs: T[]) => xs.sort((a, b) => LEVEL[a.type] - LEVEL[b.type] || a.row - b.row)
  return { problems, creates: byLevel(creates), updates: byLevel(updates), unchanged, changes }
}
