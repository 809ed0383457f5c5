import type { Payload } from 'payload'

import type { Meeting, MeetingAttendance, MeetingMinute, User } from '../payload-types'
import { idOf } from '../access/roles'

type Viewer = Pick<User, 'id' | 'roles' | 'organization'> & { collection: 'users' }

/**
 * What the member site shows of organisation life, each read as the person (overrideAccess: false):
 * access decides, this only asks. The branch's meetings, those waiting for this person's review,
 * and this person's own attendance.
 */
export const meetingsFor = async (payload: Payload, user: Viewer) => {
  const org = idOf(user.organization)
  const ask = { overrideAccess: false, user, depth: 1 } as const
  const [branch, toReview, mine] = await Promise.all([
    org === null
      ? Promise.resolve({ docs: [] as Meeting[] })
      : payload.find({ collection: 'meetings', where: { organization: { equals: org } }, sort: '-startsAt', limit: 100, ...ask }),
    payload.find({
      collection: 'meetings',
      where: { and: [{ status: { equals: 'submitted' } }, { organization: { not_equals: org ?? 0 } }] },
      sort: 'startsAt',
      limit: 100,
      ...ask,
    }),
    payload.find({
      collection: 'meeting-attendance',
      where: { member: { equals: user.id } },
      limit: 500,
      overrideAccess: false,
      user,
      depth: 0,
    }),
  ])
  const myStatus = new Map((mine.docs as MeetingAttendance[]).map((a) => [Number(idOf(a.meeting)), a]))
  return { branch: branch.docs as Meeting[], toReview: toReview.docs as Meeting[], myStatus }
}

/** One meeting as the person may see it, with its attendance and minutes as far as they may read them. */
export const meetingFor = async (payload: Payload, user: Viewer, id: number) => {
  const ask = { overrideAccess: false, user } as const
  const found = await payload.find({ collection: 'meetings', where: { id: { equals: id } }, limit: 1, depth: 1, ...ask })
  const meeting = found.docs[0] as Meeting | undefined
  if (!meeting) return null
  const [attendance, minutes] = await Promise.all([
    payload.find({
      collection: 'meeting-attendance',
      where: { meeting: { equals: id } },
      limit: 1000,
      depth: 1,
      sort: 'createdAt',
      ...ask,
    }),
    payload.find({ collection: 'meeting-minutes', where: { meeting: { equals: id } }, limit: 100, depth: 0, sort: '-version', ...ask }),
  ])
  return { meeting, attendance: attendance.docs as MeetingAttendance[], minutes: minutes.docs as MeetingMinute[] }
}
