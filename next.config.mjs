import { withPayload } from '@payloadcms/next/withPayload'
import path from 'path'
import { fileURLToPath } from 'url'

const dirname = path.dirname(fileURLToPath(import.meta.url))

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Each build writes its own dist dir when NEXT_DIST_DIR is set, so tests never clobber `npm start`'s build.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  // No "X-Powered-By: Next.js": it tells a scanner what to try. Security headers: src/security/headers.ts.
  poweredByHeader: false,
  // The admin saves through server actions: the same 2 MB as every other non-upload body
  // (MAX_JSON_BYTES in src/security/bodyLimit.ts, refused by the app server with a Chinese 413).
  // No Turbopack cache on disk for `next build`: writing it took 101 s of each test run's build here,
  // and a build is reused whole (scripts/build.ts hashes its sources) or made fresh on a clean clone.
  // globalNotFound: src/app/global-not-found.tsx, the Chinese page for paths no route matches (two root layouts).
  experimental: { serverActions: { bodySizeLimit: '2mb' }, turbopackFileSystemCacheForBuild: false, globalNotFound: true },
  images: { localPatterns: [{ pathname: '/api/media/file/**' }] },
  webpack: (webpackConfig) => {
    webpackConfig.resolve.extensionAlias = {
      '.cjs': ['.cts', '.cjs'],
      '.js': ['.ts', '.tsx', '.js', '.jsx'],
      '.mjs': ['.mts', '.mjs'],
    }
    return webpackConfig
  },
  turbopack: { root: dirname },
  // chinese-days says "type": "commonjs" but points "module" at an ES-module file, which Turbopack
  // refuses to bundle; Node loads its CommonJS build at run time instead (src/development/calendar.ts).
  serverExternalPackages: ['chinese-days'],
}

export default withPayload(nextConfig, { devBundleServerPackages: false })
