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
import { QuizAttempts } from './collections/QuizAttempts'
import { RecommendationEvents } from './collections/RecommendationEvents'
import { ReviewLogs } from './collections/ReviewLogs'
import { StudyEvents } from './collections/StudyEvents'
import { StudyProgress } from './collections/StudyProgress'
import { StudySessions } from './collections/StudySessions'
import { Media } from './collections/Media'
import { Organizations } from './collections/Organizations'
import { Questions } from './collections/Questions'
import { SensitiveWords } from './collections/SensitiveWords'
import { Themes } from './collections/Themes'
import { Users } from './collections/Users'
import { PlatformSettings } from './src/globals/PlatformSettings'
import { SearchSettings } from './src/globals/SearchSettings'
import { searchEndpoint } from './src/search/endpoint'
import { recommendationsEndpoint } from './src/search/recommendEndpoint'
import { PRODUCT_NAME } from './src/brand'
import { MAX_UPLOAD_BYTES } from './src/media/allowList'
import { contentEditor } from './src/fields/richText'
import { jobsConfig } from './src/jobs/config'

const dirname = path.dirname(fileURLToPath(import.meta.url))

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
      graphics: {
        Logo: '/src/components/admin/Logo#Logo',
        Icon: '/src/components/admin/Icon#Icon',
      },
    },
  },
  collections: [
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
    QuizAttempts,
    PointsLedger,
    RecommendationEvents,
    SensitiveWords,
    Users,
    Organizations,
    AuditLogs,
  ],
  // Busboy stops reading beyond the largest allowed file; the media hook applies per-kind limits.
  upload: { limits: { fileSize: MAX_UPLOAD_BYTES } },
  globals: [PlatformSettings, SearchSettings],
  endpoints: [searchEndpoint, recommendationsEndpoint],
  jobs: jobsConfig,
  editor: contentEditor,
  i18n: {
    supportedLanguages: { zh, en },
    fallbackLanguage: 'zh',
  },
  secret: process.env.PAYLOAD_SECRET || '',
  typescript: { outputFile: path.resolve(dirname, 'src/payload-types.ts') },
  db: postgresAdapter({
    pool: { connectionString: process.env.DATABASE_URL || '' },
    migrationDir: path.resolve(dirname, 'src/migrations'),
    // Schema changes arrive only through committed migrations, in development and tests alike.
    push: false,
  }),
  sharp,
  telemetry: false,
})
