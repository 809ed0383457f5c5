/**
 * The member site's islands: the only parts of a member page that run in the browser. Every other
 * byte of a member page is server-rendered HTML without Next's client runtime (issue 18 §5: at most
 * 100 KB of script per page; Next 16 and React 19 alone loaded 129 KB on every App Router page).
 *
 * A module here is a `'use client'` file; each listed export becomes an island a server component
 * renders through `src/site/islands/server.tsx`. `scripts/islands.ts` bundles one entry per module
 * with esbuild (React shared in one chunk), and the app server adds a page's entries to its HTML
 * (`src/site/islands/html.ts`). A client component a server component renders must be listed here:
 * `tests/unit/site/islands.test.ts` checks it.
 */
export const ISLAND_MODULES = {
  DevelopmentActions: {
    path: 'src/development/site/DevelopmentActions',
    exports: [
      'DevFlash',
      'ApplyForm',
      'StepForm',
      'NoticeForm',
      'ObjectionForm',
      'HandleForm',
      'OpenVoteForm',
      'BallotForm',
      'CloseVoteButton',
    ],
  },
  FlagReview: { path: 'src/integrity/site/FlagReview', exports: ['FlagReview'] },
  MeetingActions: {
    path: 'src/meetings/site/MeetingActions',
    exports: [
      'LeaveForm',
      'LeaveDecision',
      'MarkPresent',
      'PlanReview',
      'PlanBatch',
      'PlanForm',
      'MinutesForm',
      'SignInButton',
      'SignInCode',
      'DrawInspectors',
      'InspectionForm',
      'TalkForm',
    ],
  },
  BranchCharts: { path: 'src/cockpit/site/BranchCharts', exports: ['BranchCharts'] },
  NotificationActions: { path: 'src/cockpit/site/NotificationActions', exports: ['MarkReadButton', 'MarkAllReadButton'] },
  RemindButton: { path: 'src/branch/site/RemindButton', exports: ['RemindButton'] },
  QuizTaker: { path: 'src/site/QuizTaker', exports: ['QuizTaker'] },
  WrongPractice: { path: 'src/site/WrongPractice', exports: ['WrongPractice'] },
  AccountSettings: { path: 'src/site/AccountSettings', exports: ['AccountSettings'] },
  LoginForm: { path: 'src/site/LoginForm', exports: ['LoginForm'] },
  FeedbackForm: { path: 'src/site/FeedbackForm', exports: ['FeedbackForm'] },
  PasswordForms: { path: 'src/site/PasswordForms', exports: ['ForgotPasswordForm', 'SetPasswordForm'] },
  StudyTracker: { path: 'src/site/StudyTracker', exports: ['StudyTracker'] },
  PrivacyPanel: { path: 'src/privacy/site/PrivacyPanel', exports: ['PrivacyPanel'] },
  PrintButton: { path: 'src/site/PrintButton', exports: ['PrintButton'] },
  // The header, footer and 我的 menu: on every page.
  SiteChrome: {
    path: 'src/site/islands/chrome',
    exports: ['NavLinks', 'MeNav', 'FeedbackLink', 'LogoutButton', 'SessionKeeper', 'LinkBeacons'],
  },
} as const satisfies Record<string, { path: string; exports: readonly string[] }>

export type IslandModule = keyof typeof ISLAND_MODULES

/** An island's name in the HTML: `<module>.<export>`. */
export const islandName = (module: string, exportName: string) => `${module}.${exportName}`

/** The modules whose islands appear in a page's HTML, in registry order. */
export const islandModulesIn = (html: string): IslandModule[] => {
  const present = new Set<string>()
  for (const m of html.matchAll(/<party-island data-name="([A-Za-z]+)\./g)) present.add(m[1])
  return (Object.keys(ISLAND_MODULES) as IslandModule[]).filter((name) => present.has(name))
}
