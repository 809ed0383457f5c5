export const NOTIFICATION_KINDS = [
  { value: 'studyBehind', label: { zh: '学时预警', en: 'Behind on study hours' } },
  { value: 'branchRule', label: { zh: '支部建设预警', en: 'Branch rule' } },
  { value: 'termEnding', label: { zh: '换届提醒', en: 'Term ending' } },
  // The editorial review (src/workflow/notify.ts): written at the transition, not at night.
  { value: 'reviewQueue', label: { zh: '待审核', en: 'Waiting for your review' } },
  { value: 'reviewReturned', label: { zh: '退回修改', en: 'Returned' } },
  { value: 'reviewPublished', label: { zh: '已发布', en: 'Published' } },
  // 意见反馈 (collections/Feedback.ts): a new message for the staff it is routed to, an answer for its writer.
  { value: 'feedbackReceived', label: { zh: '新的意见反馈', en: 'New feedback' } },
  { value: 'feedbackAnswered', label: { zh: '意见反馈已答复', en: 'Feedback answered' } },
  // 支部 → 提醒 (src/branch/remind.ts): the branch secretary's nudge, at most one a member a week.
  { value: 'branchReminder', label: { zh: '支部提醒', en: 'Reminder from the branch' } },
  // 培训登记 (src/training/hooks.ts): a record waiting for the college; the college's decision for the branch.
  { value: 'trainingSubmitted', label: { zh: '待确认的培训登记', en: 'Training record to confirm' } },
  { value: 'trainingDecided', label: { zh: '培训登记已处理', en: 'Training record decided' } },
  // 组织生活 (src/meetings/): plans to review and decisions, leave requests and decisions, frequency gaps.
  { value: 'meetingPlan', label: { zh: '组织生活计划', en: 'Meeting plan' } },
  { value: 'meetingLeave', label: { zh: '组织生活请假', en: 'Meeting leave' } },
  { value: 'meetingGap', label: { zh: '组织生活频次不足', en: 'Meetings behind frequency' } },
  // 发展党员 (src/development/check.ts): a step overdue, for the branch secretary and the college; a branch vote opened, for its voters.
  { value: 'developmentDue', label: { zh: '发展党员步骤逾期', en: 'Development step overdue' } },
  { value: 'developmentVote', label: { zh: '支部大会表决', en: 'Branch vote' } },
] as const
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number]['value']
