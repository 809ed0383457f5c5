import { describe, expect, it } from 'vitest'

import { complianceIssuesOf, DEFAULT_BRANCH_RULES } from '../../../src/organizations/compliance'
import { maskMiddle, maskPhone, maskStaffNumber } from '../../../src/people/mask'

describe('masking', () => {
  it('masks a mobile number as 138****5678', () => {
    expect(maskPhone('13812345678')).toBe('138****5678')
  })
  it('keeps only the ends of a staff or student number', () => {
    expect(maskStaffNumber('2023110101')).toBe('20******01')
    expect(maskStaffNumber('T2013009')).toBe('T2****09')
  })
  it('hides most of a short value rather than revealing it', () => {
    expect(maskMiddle('1234')).toBe('***4')
    expect(maskMiddle('')).toBe('')
  })
})

describe('branch compliance rules', () => {
  const branch = (full: number, members: number, hasCommittee = false) =>
    complianceIssuesOf({ type: 'branch', fullMemberCount: full, memberCount: members, hasCommittee })

  it('needs at least 3 full members', () => {
    expect(branch(2, 5)).toEqual(['tooFewFullMembers'])
    expect(branch(3, 3)).toEqual([])
  })
  it('needs a committee from 7 full members on', () => {
    expect(branch(6, 6)).toEqual([])
    expect(branch(7, 7)).toEqual(['committeeRequired'])
    expect(branch(7, 7, true)).toEqual([])
  })
  it('should not exceed 50 Party members', () => {
    expect(branch(12, 50, true)).toEqual([])
    expect(branch(12, 51, true)).toEqual(['tooManyMembers'])
  })
  it('reports every broken rule at once and judges only branches', () => {
    expect(complianceIssuesOf({ type: 'branch', fullMemberCount: 1, memberCount: 60 })).toEqual(['tooFewFullMembers', 'tooManyMembers'])
    expect(complianceIssuesOf({ type: 'collegeCommittee', fullMemberCount: 0, memberCount: 0 })).toEqual([])
  })
  it('takes its numbers from configuration', () => {
    const rules = { ...DEFAULT_BRANCH_RULES, minFullMembers: 5 }
    expect(complianceIssuesOf({ type: 'branch', fullMemberCount: 4, memberCount: 4 }, rules)).toEqual(['tooFewFullMembers'])
  })
})
