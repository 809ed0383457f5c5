import { Gutter } from '@payloadcms/ui'
import Link from 'next/link'
import type { ListViewServerProps } from 'payload'
import React from 'react'

import { formatAdminDate } from '../../dates'
import type { Organization } from '../../payload-types'
import { COMPLIANCE_ISSUE_LABELS, ORG_TYPE_LABELS, type ComplianceIssue, type OrgType } from '../types'

type Node = Pick<
  Organization,
  'id' | 'name' | 'code' | 'type' | 'memberCount' | 'fullMemberCount' | 'complianceState' | 'complianceIssues' | 'termEnd' | 'hasCommittee'
> & {
  parent?: number | Organization | null
  children: Node[]
}

const parentId = (p: Node['parent']) => (p && typeof p === 'object' ? p.id : (p ?? null))

/** Branches under a node (itself included), and how many of them need attention. */
const tally = (n: Node): { branches: number; warnings: number } =>
  n.type === 'branch'
    ? { branches: 1, warnings: n.complianceState === 'warning' ? 1 : 0 }
    : n.children
        .map(tally)
        .reduce((a, b) => ({ branches: a.branches + b.branches, warnings: a.warnings + b.warnings }), { branches: 0, warnings: 0 })

const Compliance = ({ node }: { node: Node }) => {
  if (node.complianceState === 'ok') return <span className="org-tree__badge org-tree__badge--ok">符合要求</span>
  if (node.complianceState === 'warning')
    return (
      <span
        className="org-tree__badge org-tree__badge--warn"
        title={(node.complianceIssues ?? []).map((i) => COMPLIANCE_ISSUE_LABELS[i as ComplianceIssue]?.zh ?? i).join('；')}
      >
        需整改：{(node.complianceIssues ?? []).map((i) => COMPLIANCE_ISSUE_LABELS[i as ComplianceIssue]?.zh ?? i).join('；')}
      </span>
    )
  return null
}

const Row = ({ node }: { node: Node }) => {
  const t = tally(node)
  return (
    <div className="org-tree__row" data-org-code={node.code ?? undefined}>
      <Link href={`/admin/collections/organizations/${node.id}`} className="org-tree__name">
        {node.name}
      </Link>
      <span className="org-tree__type">{ORG_TYPE_LABELS[node.type as OrgType]?.zh ?? node.type}</span>
      <span className="org-tree__counts">
        党员 {node.memberCount ?? 0} 人（正式 {node.fullMemberCount ?? 0}）{node.type !== 'branch' ? ` · ${t.branches} 个支部` : ''}
        {node.type !== 'branch' && t.warnings ? <span className="org-tree__warn-count"> · {t.warnings} 个需整改</span> : null}
      </span>
      <Compliance node={node} />
      {node.termEnd ? <span className="org-tree__term">任期至 {formatAdminDate(node.termEnd)}</span> : null}
    </div>
  )
}

const Branch = ({ node, depth }: { node: Node; depth: number }) =>
  node.children.length ? (
    <li>
      {/* Colleges open by default; a college with a branch needing attention says so when folded. */}
      <details open={depth < 2}>
        <summary>
          <Row node={node} />
        </summary>
        <ul>
          {node.children.map((c) => (
            <Branch key={c.id} node={c} depth={depth + 1} />
          ))}
        </ul>
      </details>
    </li>
  ) : (
    <li className="org-tree__leaf">
      <Row node={node} />
    </li>
  )

/**
 * 党组织 as the tree it is (学校党委 → 院(系)党委 → 党支部), each node with its member counts and,
 * for branches, compliance with the branch rules (src/organizations/compliance.ts); in place of
 * Payload's flat, paginated table, which split a college from its branches across pages.
 */
export const OrganizationTreeView = async ({ payload, user, hasCreatePermission, newDocumentURL }: ListViewServerProps) => {
  const { docs } = await payload.find({
    collection: 'organizations',
    depth: 0,
    limit: 0,
    pagination: false,
    sort: 'code',
    overrideAccess: false,
    user,
    select: {
      name: true,
      code: true,
      type: true,
      parent: true,
      memberCount: true,
      fullMemberCount: true,
      complianceState: true,
      complianceIssues: true,
      termEnd: true,
      hasCommittee: true,
    },
  })
  const nodes = new Map<number, Node>(docs.map((d) => [d.id, { ...(d as unknown as Node), children: [] }]))
  const roots: Node[] = []
  for (const n of nodes.values()) {
    const p = parentId(n.parent)
    const parent = p !== null ? nodes.get(Number(p)) : undefined
    if (parent) parent.children.push(n)
    else roots.push(n)
  }
  const branches = docs.filter((d) => d.type === 'branch')
  const warnings = branches.filter((d) => d.complianceState === 'warning').length

  return (
    <Gutter className="org-tree-view">
      <header className="org-tree__header">
        <h1>党组织</h1>
        {hasCreatePermission ? (
          <Link className="btn btn--style-pill btn--size-small" href={newDocumentURL}>
            新建党组织
          </Link>
        ) : null}
      </header>
      <p className="org-tree__lead">
        四位一体组织树：学校党委 → 院(系)党委/党总支 → 党支部。共 {docs.length} 个组织、{branches.length} 个党支部
        {warnings ? `，其中 ${warnings} 个需整改` : '，均符合支部建设要求'}。人数和合规状态随人员变动自动计算。
      </p>
      {roots.length ? (
        <ul className="org-tree" data-testid="org-tree">
          {roots.map((r) => (
            <Branch key={r.id} node={r} depth={0} />
          ))}
        </ul>
      ) : (
        <p>还没有党组织。</p>
      )}
    </Gutter>
  )
}
