/** The four-level tree (四位一体): university committee → college committee → branch → members. */
export const ORG_TYPES = ['universityCommittee', 'collegeCommittee', 'branch'] as const
export type OrgType = (typeof ORG_TYPES)[number]

export const ORG_TYPE_LABELS: Record<OrgType, { zh: string; en: string }> = {
  universityCommittee: { zh: '学校党委', en: 'University Party committee' },
  collegeCommittee: { zh: '院(系)党委/党总支', en: 'College Party committee' },
  branch: { zh: '党支部', en: 'Party branch' },
}

/** Which type a node's parent must have; the university committee is the root. */
export const REQUIRED_PARENT_TYPE: Record<OrgType, OrgType | null> = {
  universityCommittee: null,
  collegeCommittee: 'universityCommittee',
  branch: 'collegeCommittee',
}

export const COMPLIANCE_ISSUES = ['tooFewFullMembers', 'committeeRequired', 'tooManyMembers'] as const
export type ComplianceIssue = (typeof COMPLIANCE_ISSUES)[number]

export const COMPLIANCE_ISSUE_LABELS: Record<ComplianceIssue, { zh: string; en: string }> = {
  tooFewFullMembers: { zh: '正式党员人数不足', en: 'Fewer full members than required' },
  committeeRequired: { zh: '应成立支部委员会（未设）', en: 'Should elect a branch committee' },
  tooManyMembers: { zh: '党员人数超过上限', en: 'More members than allowed' },
}
