import type { PoliticalStage } from '../src/people/stages'
import type { Role } from '../src/access/roles'

/** Password of every demo account (listed in the README). */
export const DEMO_PASSWORD = 'Dangjian@2026'

export type OrgSeed = {
  code: string
  name: string
  type: 'universityCommittee' | 'collegeCommittee' | 'branch'
  parent?: string
  hasCommittee?: boolean
  /** Term end relative to the seeding day, in days; start is three years (committees five) earlier. */
  termEndsInDays: number
}

/**
 * A believable university. Branch sizes are chosen so every DOMAIN rule has a branch that breaks
 * it: B-MARX-UG has too few full members, B-INFO-STAFF needs a committee it lacks, B-INFO-UG2 is
 * over the size limit. B-ADMIN-1's term ends soon, for the term-end warning.
 */
export const ORGS: OrgSeed[] = [
  { code: 'UC', name: '示范大学党委', type: 'universityCommittee', termEndsInDays: 700 },
  { code: 'C-MARX', name: '马克思主义学院党委', type: 'collegeCommittee', parent: 'UC', termEndsInDays: 500 },
  { code: 'C-INFO', name: '信息工程学院党委', type: 'collegeCommittee', parent: 'UC', termEndsInDays: 420 },
  { code: 'C-ADMIN', name: '机关党委', type: 'collegeCommittee', parent: 'UC', termEndsInDays: 380 },
  { code: 'B-MARX-STAFF', name: '马克思主义学院教工党支部', type: 'branch', parent: 'C-MARX', hasCommittee: true, termEndsInDays: 300 },
  { code: 'B-MARX-GRAD', name: '马克思主义学院研究生党支部', type: 'branch', parent: 'C-MARX', termEndsInDays: 250 },
  { code: 'B-MARX-UG', name: '马克思主义学院本科生党支部', type: 'branch', parent: 'C-MARX', termEndsInDays: 400 },
  { code: 'B-INFO-STAFF', name: '信息工程学院教工党支部', type: 'branch', parent: 'C-INFO', termEndsInDays: 200 },
  { code: 'B-INFO-GRAD', name: '信息工程学院研究生党支部', type: 'branch', parent: 'C-INFO', termEndsInDays: 330 },
  { code: 'B-INFO-UG1', name: '信息工程学院本科生第一党支部', type: 'branch', parent: 'C-INFO', termEndsInDays: 280 },
  { code: 'B-INFO-UG2', name: '信息工程学院本科生第二党支部', type: 'branch', parent: 'C-INFO', hasCommittee: true, termEndsInDays: 360 },
  { code: 'B-ADMIN-1', name: '机关第一党支部', type: 'branch', parent: 'C-ADMIN', termEndsInDays: 45 },
]

export type PersonSeed = {
  email: string
  name: string
  staffNumber: string
  phone: string
  roles: Role[]
  reviewLevel?: '1' | '2' | '3'
  org: string
  stage: PoliticalStage
  interests: string[]
  /** The secretary of this branch. */
  secretaryOf?: string
}

/** One account per role, with the addresses the README lists. */
export const DEMO_ACCOUNTS: PersonSeed[] = [
  {
    email: 'sysadmin@demo.edu.cn',
    name: '周建国',
    staffNumber: 'T2005001',
    phone: '13900000001',
    roles: ['sysAdmin'],
    org: 'B-ADMIN-1',
    stage: 'full',
    interests: ['party-constitution'],
  },
  {
    email: 'security@demo.edu.cn',
    name: '吴晓峰',
    staffNumber: 'T2008002',
    phone: '13900000002',
    roles: ['securityAdmin'],
    org: 'B-ADMIN-1',
    stage: 'full',
    interests: ['integrity'],
  },
  {
    email: 'auditor@demo.edu.cn',
    name: '郑丽华',
    staffNumber: 'T2010003',
    phone: '13900000003',
    roles: ['auditor'],
    org: 'B-ADMIN-1',
    stage: 'full',
    interests: ['integrity'],
  },
  {
    email: 'editor@demo.edu.cn',
    name: '王雪梅',
    staffNumber: 'T2012004',
    phone: '13900000004',
    roles: ['propagandaEditor'],
    org: 'B-ADMIN-1',
    stage: 'full',
    interests: ['red-culture', 'party-history'],
  },
  {
    email: 'curator@demo.edu.cn',
    name: '李明远',
    staffNumber: 'T2009005',
    phone: '13900000005',
    roles: ['courseCurator'],
    org: 'B-MARX-STAFF',
    stage: 'full',
    interests: ['xi-thought', 'party-history'],
  },
  {
    email: 'reviewer1@demo.edu.cn',
    name: '赵文静',
    staffNumber: 'T2011006',
    phone: '13900000006',
    roles: ['reviewer'],
    reviewLevel: '1',
    org: 'B-ADMIN-1',
    stage: 'full',
    interests: ['party-constitution'],
  },
  {
    email: 'reviewer2@demo.edu.cn',
    name: '钱志强',
    staffNumber: 'T2007007',
    phone: '13900000007',
    roles: ['reviewer'],
    reviewLevel: '2',
    org: 'B-MARX-STAFF',
    stage: 'full',
    interests: ['xi-thought'],
  },
  {
    email: 'reviewer3@demo.edu.cn',
    name: '孙立新',
    staffNumber: 'T2003008',
    phone: '13900000008',
    roles: ['reviewer'],
    reviewLevel: '3',
    org: 'B-MARX-STAFF',
    stage: 'full',
    interests: ['party-history'],
  },
  {
    email: 'secretary@demo.edu.cn',
    name: '陈海燕',
    staffNumber: 'T2013009',
    phone: '13900000009',
    roles: ['member', 'branchSecretary'],
    org: 'B-INFO-UG1',
    stage: 'full',
    interests: ['three-meetings-one-lesson'],
    secretaryOf: 'B-INFO-UG1',
  },
  {
    email: 'member@demo.edu.cn',
    name: '林子涵',
    staffNumber: '2023110101',
    phone: '13900000010',
    roles: ['member'],
    org: 'B-INFO-UG1',
    stage: 'full',
    interests: ['party-history', 'red-culture'],
  },
  // 党委组织员: the Party committee's (whole university) and a college committee's cockpit.
  {
    email: 'committee@demo.edu.cn',
    name: '刘建华',
    staffNumber: 'T2006012',
    phone: '13900000012',
    roles: ['partyCommittee'],
    org: 'UC',
    stage: 'full',
    interests: ['xi-thought'],
  },
  {
    email: 'college@demo.edu.cn',
    name: '黄静怡',
    staffNumber: 'T2014013',
    phone: '13900000013',
    roles: ['partyCommittee'],
    org: 'C-INFO',
    stage: 'full',
    interests: ['three-meetings-one-lesson'],
  },
  {
    email: 'applicant@demo.edu.cn',
    name: '何雨桐',
    staffNumber: '2024110102',
    phone: '13900000011',
    roles: ['member'],
    org: 'B-INFO-UG1',
    stage: 'applicant',
    interests: ['party-constitution'],
  },
]

const SURNAMES = [
  '张',
  '王',
  '李',
  '刘',
  '陈',
  '杨',
  '黄',
  '赵',
  '吴',
  '周',
  '徐',
  '孙',
  '马',
  '朱',
  '胡',
  '郭',
  '何',
  '高',
  '林',
  '罗',
  '郑',
  '梁',
  '谢',
  '宋',
  '唐',
  '许',
  '韩',
  '冯',
  '邓',
  '曹',
]
const GIVEN = [
  '思远',
  '佳怡',
  '浩然',
  '雨萱',
  '子轩',
  '欣怡',
  '宇航',
  '梓涵',
  '俊杰',
  '诗琪',
  '博文',
  '若曦',
  '天佑',
  '嘉欣',
  '明哲',
  '雅婷',
  '志远',
  '晨阳',
  '可馨',
  '泽宇',
  '书瑶',
  '一鸣',
  '语桐',
  '国栋',
]
const THEME_CYCLE = ['party-history', 'xi-thought', 'red-culture', 'two-studies-one-action', 'prc-history', 'integrity']

/** How many people of each stage each branch gets (besides the demo accounts placed there). */
const BRANCH_PLAN: Record<string, Partial<Record<PoliticalStage, number>> & { staff?: boolean }> = {
  'B-MARX-STAFF': { staff: true, full: 6 },
  'B-MARX-GRAD': { full: 5, probationary: 2, developmentTarget: 1 },
  'B-MARX-UG': { full: 2, probationary: 2, activist: 3, applicant: 2 },
  'B-INFO-STAFF': { staff: true, full: 7 },
  'B-INFO-GRAD': { full: 3, probationary: 1, activist: 1 },
  'B-INFO-UG1': { full: 2, probationary: 2, activist: 2, developmentTarget: 1, masses: 1 },
  'B-INFO-UG2': { full: 12, probationary: 39, activist: 2 },
  'B-ADMIN-1': { staff: true, full: 1 },
}

/** Deterministic generated people, so a second seeding finds exactly the same records. */
export const generatedPeople = (): PersonSeed[] => {
  const people: PersonSeed[] = []
  let n = 0
  for (const [org, plan] of Object.entries(BRANCH_PLAN)) {
    let first = true
    for (const stage of ['full', 'probationary', 'developmentTarget', 'activist', 'applicant', 'masses'] as PoliticalStage[]) {
      for (let i = 0; i < (plan[stage] ?? 0); i++) {
        n += 1
        const name = SURNAMES[(n * 7) % SURNAMES.length] + GIVEN[(n * 5 + Math.floor(n / 24)) % GIVEN.length]
        // The first full member of a branch without a demo secretary serves as its secretary.
        const isSecretary = first && stage === 'full' && org !== 'B-INFO-UG1'
        first = false
        people.push({
          email: `p${String(n).padStart(3, '0')}@demo.edu.cn`,
          name,
          staffNumber: plan.staff
            ? `T20${String(10 + (n % 15)).padStart(2, '0')}${String(n).padStart(3, '0')}`
            : `20${22 + (n % 4)}${String(110000 + n)}`,
          phone: `1390000${String(1000 + n).padStart(4, '0')}`,
          roles: isSecretary ? ['member', 'branchSecretary'] : ['member'],
          org,
          stage,
          interests: [THEME_CYCLE[n % THEME_CYCLE.length]],
          secretaryOf: isSecretary ? org : undefined,
        })
      }
    }
  }
  return people
}
