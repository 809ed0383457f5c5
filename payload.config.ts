import { postgresAdapter } from '@payloadcms/db-postgres'
import { en } from '@payloadcms/translations/languages/en'
import { zh } from '@payloadcms/translations/languages/zh'
import path from 'path'
import { buildConfig } from 'payload'
import sharp from 'sharp'
import { fileURLToPath } from 'url'

import { AuditLogs } from './collections/AuditLogs'
import { Courses } from './collections/Courses'
import { MicroLessons } from './collections/MicroLessons'
import { News } from './collections/News'
import { Quizzes } from './collections/Quizzes'
import { RedResources } from './collections/RedResources'
import { PointsLedger } from './collections/PointsLedger'
import { StudyHours } from './collections/StudyHours'
import { Trainings } from './collections/Trainings'
import { Meetings } from './collections/Meetings'
import { MeetingAttendance } from './collections/MeetingAttendance'
import { MeetingMinutes } from './collections/MeetingMinutes'
import { DevelopmentBallots } from './collections/DevelopmentBallots'
import { SignOnSessions } from './collections/SignOnSessions'
import { DevelopmentCases } from './collections/DevelopmentCases'
import { DevelopmentDocuments } from './collections/DevelopmentDocuments'
import { DevelopmentNotices } from './collections/DevelopmentNotices'
import { DevelopmentRules } from './collections/DevelopmentRules'
import { DevelopmentSteps } from './collections/DevelopmentSteps'
import { DevelopmentVotes } from './collections/DevelopmentVotes'
import { DevelopmentVoteTurnout } from './collections/DevelopmentVoteTurnout'
import { HeartTalks } from './collections/HeartTalks'
import { Inspectors } from './collections/Inspectors'
import { MeetingInspections } from './collections/MeetingInspections'
import { QuizAttempts } from './collections/QuizAttempts'
import { QuizPractice } from './collections/QuizPractice'
import { RecommendationEvents } from './collections/RecommendationEvents'
import { ReviewLogs } from './collections/ReviewLogs'
import { StudyEvents } from './collections/StudyEvents'
import { StudyProgress } from './collections/StudyProgress'
import { StudySessions } from './collections/StudySessions'
import { Media } from './collections/Media'
import { Organizations } from './collections/Organizations'
import { Questions } from './collections/Questions'
import { SensitiveWords } from './collections/SensitiveWords'
import { Notifications } from './collections/Notifications'
import { DeletionRequests } from './collections/DeletionRequests'
import { Feedback } from './collections/Feedback'
import { IntegrityFlags } from './collections/IntegrityFlags'
import { Themes } from './collections/Themes'
import { Users } from './collections/Users'
import { PlatformSettings } from './src/globals/PlatformSettings'
import { SearchSettings } from './src/globals/SearchSettings'
import { SecuritySettings } from './src/globals/SecuritySettings'
import { rootEndpoints, withRoutes } from './src/http/payload'
import { routes } from './src/http/routes'
import { SEARCH_VIEW_PATH, SEARCH_VIEW_TITLE } from './src/search/admin/paths'
import { COCKPIT_VIEW_PATH, COCKPIT_VIEW_TITLE } from './src/cockpit/admin/paths'
import { PRODUCT_NAME } from './src/brand'
import { graphQLLimits, securityAfterError, trustedOrigins, uploadOptions } from './src/security/config'
import { contentEditor } from './src/fields/richText'
import { jobsConfig } from './src/jobs/config'
import { mailAdapter } from './src/mail/adapter'
import { guardQueueRunners } from './src/jobs/exclusive'
import { configureRateLimits } from './src/auth/rateLimit'
import { poolOf } from './src/db/pool'
import { readReplicaUrls } from './src/db/replicas'
import { auditAccessDenials } from './src/audit/denials'
import { IMPORT_VIEW_PATH, IMPORT_VIEW_TITLE } from './src/import/admin/paths'
import { databaseUnavailableAfterError, keepPayloadPoolAlive } from './src/db/unavailable'
import { strictInput } from './src/validation/strictInput'
import { chineseDates } from './src/admin/datePlugin'
import { roleNavigation } from './src/access/navigation'
import { mediaStorage } from './src/media/storage'

const dirname = path.dirname(fileURLToPath(import.meta.url))
// The SMTP and S3 adapters exist on this registry only as 3.90.1 (payload 3.90.2 here): Payload's
// start-up check would refuse that patch-level difference, so it is off and tests/unit/versions.test.ts
// checks the versions instead (the core packages equal, the adapters within 3.90).
process.env.PAYLOAD_DISABLE_DEPENDENCY_CHECKER ??= 'true'

export default buildConfig({
  admin: {
    user: Users.slug,
    // No Gravatar: the machines have no internet and a person's e-mail hash should not leave the campus.
    avatar: 'default',
    importMap: { baseDir: dirname },
    meta: {
      titleSuffix: ` - ${PRODUCT_NAME}`,
      description: `${PRODUCT_NAME}管理后台`,
      icons: [{ rel: 'icon', type: 'image/svg+xml', url: '/favicon.svg' }],
    },
    components: {
      beforeDashboard: ['/src/workflow/admin/ReviewQueue#ReviewQueue'],
      // 统一身份认证 under the password form, when a campus provider is configured (src/signon).
      afterLogin: ['/src/signon/admin/SignOnLink#SignOnLink'],
      // 全文搜索 for content staff; the view itself refuses everyone else (Payload leaves custom views unguarded).
      // 数据驾驶舱 for Party committee staff and branch secretaries (the view refuses everyone else);
      // 消息通知 with the unread count, for anyone who has unread notifications.
      // 批量导入 for sysAdmin (people, organisations) and course curators (questions).
      afterNavLinks: [
        '/src/search/admin/SearchNavLink#SearchNavLink',
        '/src/cockpit/admin/CockpitNavLink#CockpitNavLink',
        '/src/cockpit/admin/NotificationsNavLink#NotificationsNavLink',
        '/src/import/admin/ImportNavLink#ImportNavLink',
      ],
      views: {
        search: {
          Component: '/src/search/admin/SearchView#SearchView',
          path: SEARCH_VIEW_PATH,
          exact: true,
          meta: { title: SEARCH_VIEW_TITLE },
        },
        cockpit: {
          Component: '/src/cockpit/admin/CockpitView#CockpitView',
          path: COCKPIT_VIEW_PATH,
          exact: true,
          meta: { title: COCKPIT_VIEW_TITLE },
        },
        import: {
          Component: '/src/import/admin/ImportView#ImportView',
          path: IMPORT_VIEW_PATH,
          exact: true,
          meta: { title: IMPORT_VIEW_TITLE },
        },
      },
      graphics: {
        Logo: '/src/components/admin/Logo#Logo',
        Icon: '/src/components/admin/Icon#Icon',
      },
    },
  },
  // Each collection's routes from the route table (src/http/routes.ts) join its endpoints here.
  collections: withRoutes(
    [
      News,
      RedResources,
      Courses,
      MicroLessons,
      Quizzes,
      Questions,
      Media,
      Themes,
      ReviewLogs,
      StudyProgress,
      StudyEvents,
      StudySessions,
      IntegrityFlags,
      QuizAttempts,
      QuizPractice,
      PointsLedger,
      StudyHours,
      Trainings,
      Meetings,
      MeetingAttendance,
      MeetingMinutes,
      MeetingInspections,
      Inspectors,
      HeartTalks,
      DevelopmentCases,
      DevelopmentSteps,
      DevelopmentDocuments,
      DevelopmentNotices,
      DevelopmentVotes,
      DevelopmentVoteTurnout,
      DevelopmentBallots,
      DevelopmentRules,
      RecommendationEvents,
      Notifications,
      SensitiveWords,
      Users,
      SignOnSessions,
      Organizations,
      DeletionRequests,
      Feedback,
      AuditLogs,
    ],
    routes,
  ),
  // Upload size limits (413 in Chinese) and the other hardening: src/security/.
  upload: uploadOptions,
  // The session cookie counts only from the platform's own origins (PUBLIC_URL, localhost:PORT).
  csrf: trustedOrigins(),
  // Depth and complexity limits, no introspection in production.
  graphQL: graphQLLimits,
  globals: [PlatformSettings, SearchSettings, SecuritySettings],
  endpoints: rootEndpoints(routes),
  jobs: jobsConfig,
  // SMTP from SMTP_HOST… at start, else the console (one line says so): src/mail/adapter.ts. Every
  // mail goes through the `sendMail` job (src/mail/queue.ts), queued in its request's transaction.
  email: mailAdapter,
  // A PostgreSQL restart: the app keeps running (the pool reconnects) and answers 503 meanwhile.
  // Every queue runner takes a per-queue advisory lock first: one runner at a time across instances (src/jobs/exclusive.ts).
  onInit: (payload) => {
    keepPayloadPoolAlive(payload)
    guardQueueRunners(payload)
    // RATE_LIMIT_STORE=postgres: the limits count in the database, shared by every instance (src/auth/rateLimit.ts).
    configureRateLimits(poolOf(payload))
  },
  // securityAfterError: oversized bodies and upload-from-URL refusals as 4xx in Chinese (src/security).
  hooks: { afterError: [databaseUnavailableAfterError, auditAccessDenials, securityAfterError] },
  editor: contentEditor,
  i18n: {
    supportedLanguages: { zh, en },
    fallbackLanguage: 'zh',
    // One answer for an unknown account, a wrong password and a wrong second-factor code.
    translations: {
      zh: {
        error: {
          emailOrPasswordIncorrect: '邮箱或密码不正确。',
          userLocked: '连续登录失败次数过多，账号已锁定 15 分钟，请稍后再试或联系系统管理员。',
        },
      },
    },
  },
  secret: process.env.PAYLOAD_SECRET || '',
  typescript: { outputFile: path.resolve(dirname, 'src/payload-types.ts') },
  db: postgresAdapter({
    // A starved pool answers 503 after 10 s (src/db/unavailable.ts) instead of hanging forever.
    pool: { connectionString: process.env.DATABASE_URL || '', connectionTimeoutMillis: 10_000 },
    migrationDir: path.resolve(dirname, 'src/migrations'),
    // Schema changes arrive only through committed migrations, in development and tests alike.
    push: false,
    // Reads on streaming replicas when DATABASE_READ_URLS is set; writes and transactions on the primary (src/db/replicas.ts).
    readReplicas: readReplicaUrls(process.env.DATABASE_READ_URLS),
  }),
  sharp,
  // Field types checked on REST/GraphQL writes, Postgres value errors as 400s: src/validation/strictInput.ts.
  // Dates as 2026年12月3日 21:25 in every list, form and picker: src/admin/datePlugin.ts.
  // Each role's navigation shows what it works on: src/access/navigation.ts.
  // Uploads on S3-compatible storage when S3_BUCKET is set, local disk otherwise: src/media/storage.ts.
  plugins: [mediaStorage(), strictInput, chineseDates, roleNavigation],
  telemetry: false,
})
